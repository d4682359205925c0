package dev.jackpot.spark;

import dev.jackpot.sweep.TrialExecutor;
import dev.jackpot.sweep.TrialExecutorProvider;
import org.apache.spark.SparkConf;

/**
 * The {@code spark} engine of {@code --engine}, found by {@link java.util.ServiceLoader} when this
 * module's jar and Spark are on the classpath. Starts a Spark context in client mode (this JVM is
 * the driver and holds the results store) with one trial per task.
 */
public final class SparkEngineProvider implements TrialExecutorProvider {

    /** The engine's name. */
    public static final String ENGINE = "spark";

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public TrialExecutor open(String master, String appName) {
        return SparkExecutor.start(conf(master, appName), 1);
    }

    /** The client-mode configuration both engines start: the master given or configured, WARN logging. */
    static SparkConf conf(String master, String appName) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("the spark engine needs a master URL: give --master, e.g. local[2], "
                    + "spark://HOST:7077 or yarn");
        }
        if (!conf.contains("spark.log.level")) {
            // Spark's INFO lines would drown the run's own progress on standard error
            conf.set("spark.log.level", "WARN");
        }
        return conf;
    }
}
