package dev.jackpot.cli;

import dev.jackpot.jobs.TaskExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --engine local|spark} and {@code --master} of the deep-network commands: {@code local} trains in
 * this JVM as before; {@code spark} runs each branch of each level of each replicate as a Spark task
 * (client mode, this JVM the driver writing the run directory), bit-identical at the same {@code --threads}.
 */
final class DeepEngineOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "Where training runs: local (this JVM) or spark "
            + "(one Spark task per training: a lottery branch of one level of one replicate, a perturb cell; needs "
            + "--master (or spark-submit's) and the Spark engine on the "
            + "classpath, which ./jackpot adds; give each executor one core, DJL trains one network per JVM) "
            + "(default ${DEFAULT-VALUE}). Never changes a result at the same --threads.", defaultValue = "local")
    SweepingCommand.Engine engine;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master for --engine spark, e.g. local[2], "
            + "spark://HOST:7077 (under spark-submit, its --master is used).")
    String master;

    /** @throws CommandLine.ParameterException if --master and --engine disagree */
    void check() {
        SweepingCommand.checkMaster(mixee.commandLine(), engine, master);
    }

    /** @return whether the jobs go to Spark */
    boolean spark() {
        return engine == SweepingCommand.Engine.SPARK;
    }

    /**
     * @param appName the job's name in Spark's UI
     * @return the Spark executor, or null for the local engine (train in this JVM); close it when done
     * @throws IllegalStateException if the Spark engine is not on the classpath
     */
    TaskExecutor open(String appName) {
        return spark() ? Engines.openTasks("spark", master, appName) : null;
    }
}
