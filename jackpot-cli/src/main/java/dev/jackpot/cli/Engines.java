package dev.jackpot.cli;

import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.jobs.TaskExecutorProvider;
import dev.jackpot.sweep.TrialExecutor;
import dev.jackpot.sweep.TrialExecutorProvider;

import java.util.ServiceLoader;

/**
 * Finds sweep engines other than the embedded thread pool with {@link ServiceLoader}, so that this
 * module never depends on them: {@code --engine spark} works exactly when {@code jackpot-spark} and
 * Spark are on the classpath (the {@code ./jackpot} launcher adds them for that option only).
 */
final class Engines {

    /** What to do when the Spark engine is missing. */
    static final String SPARK_MISSING = "the Spark engine is not on the classpath; run through the ./jackpot launcher "
            + "(it adds jackpot-spark and Spark for --engine spark; build them with 'mvn -B -DskipTests package'), "
            + "or submit jackpot-spark/target/jackpot-spark.jar with spark-submit (README, 'Running on Spark')";

    private Engines() {
    }

    /**
     * @param engine  the engine's name, e.g. {@code spark}
     * @param master  its cluster address, or null
     * @param appName the job's name
     * @return a started executor; close it when done
     * @throws IllegalStateException if no provider of that engine is on the classpath
     */
    static TrialExecutor open(String engine, String master, String appName) {
        for (TrialExecutorProvider p : ServiceLoader.load(TrialExecutorProvider.class)) {
            if (p.engine().equals(engine)) {
                return p.open(master, appName);
            }
        }
        throw missing(engine);
    }

    /**
     * @param engine  the engine's name, e.g. {@code spark}
     * @param master  its cluster address, or null
     * @param appName the job's name
     * @return a started executor of {@link dev.jackpot.jobs.TaskRunner} experiments; close it when done
     * @throws IllegalStateException if no provider of that engine is on the classpath
     */
    static TaskExecutor openTasks(String engine, String master, String appName) {
        for (TaskExecutorProvider p : ServiceLoader.load(TaskExecutorProvider.class)) {
            if (p.engine().equals(engine)) {
                return p.open(master, appName);
            }
        }
        throw missing(engine);
    }

    private static IllegalStateException missing(String engine) {
        return new IllegalStateException("spark".equals(engine) ? SPARK_MISSING
                : "the " + engine + " engine is not on the classpath");
    }
}
