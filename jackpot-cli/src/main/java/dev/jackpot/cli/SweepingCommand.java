package dev.jackpot.cli;

import dev.jackpot.jobs.LocalTaskExecutor;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.jobs.TaskRunner;
import dev.jackpot.sweep.LocalExecutor;
import dev.jackpot.sweep.SweepRunner;
import dev.jackpot.sweep.TrialExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Base of the commands that run sweeps: the {@code --threads}, {@code --quiet}, {@code --engine} and
 * {@code --master} options, progress
 * on standard error, and Ctrl-C handling that lets the command finish printing before the JVM exits
 * with {@link ExitCodes#INTERRUPTED}.
 */
abstract class SweepingCommand implements Callable<Integer> {

    static {
        System.setProperty("jackpot.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--threads", description = "Trials run in parallel (default: all ${DEFAULT-VALUE} cores); never changes a result.",
            defaultValue = "${sys:jackpot.cores}")
    int threads;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    /** Where trials run. */
    enum Engine { LOCAL, SPARK }

    @Option(names = "--engine", paramLabel = "ENGINE", description = "Where trials run: local (this JVM's threads) or spark "
            + "(client mode: this JVM is the driver and writes the results; needs --master and the Spark engine on the "
            + "classpath, which ./jackpot adds) (default ${DEFAULT-VALUE}). Never changes a result.", defaultValue = "local")
    Engine engine;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master for --engine spark, e.g. local[2], "
            + "spark://HOST:7077, yarn (under spark-submit, its --master is used).")
    String master;

    /** The runner every sweep of this command goes through (so Ctrl-C can stop it). */
    final SweepRunner runner = new SweepRunner();

    /** The runner of this command's non-teacher experiments (so Ctrl-C can stop them too). */
    final TaskRunner tasks = new TaskRunner();

    private SweepProgress progress;

    @Override
    public final Integer call() throws Exception {
        if (threads < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--threads must be positive, got " + threads);
        }
        checkMaster(commandSpec.commandLine(), engine, master);
        try {
            return execute();
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
    }

    /**
     * @param cl     the command line, for the usage error
     * @param engine the engine given
     * @param master the master given, or null
     * @throws CommandLine.ParameterException if --master is given without --engine spark, or spark without a
     *                                         master (from --master or, under spark-submit, {@code spark.master})
     */
    static void checkMaster(CommandLine cl, Engine engine, String master) {
        if (master != null && engine != Engine.SPARK) {
            throw new CommandLine.ParameterException(cl, "--master applies only to --engine spark");
        }
        // spark-submit passes its --master to the driver as the system property spark.master
        if (master == null && engine == Engine.SPARK && System.getProperty("spark.master") == null) {
            throw new CommandLine.ParameterException(cl,
                    "--engine spark needs --master, e.g. --master local[2] or --master spark://HOST:7077 "
                            + "(under spark-submit, its own --master)");
        }
    }

    /**
     * @return the command's result code
     * @throws Exception on failure
     */
    abstract Integer execute() throws Exception;

    /**
     * @param appName the job's name (shown in Spark's UI)
     * @return the executor {@code --engine} selects; close it when done
     * @throws IllegalStateException if the engine is not on the classpath
     */
    TrialExecutor executor(String appName) {
        return engine == Engine.LOCAL ? new LocalExecutor(threads) : Engines.open("spark", master, appName);
    }

    /**
     * @param appName the job's name (shown in Spark's UI)
     * @return the executor of {@link TaskRunner} experiments {@code --engine} selects; close it when done
     * @throws IllegalStateException if the engine is not on the classpath
     */
    TaskExecutor taskExecutor(String appName) {
        return engine == Engine.LOCAL ? new LocalTaskExecutor(threads) : Engines.openTasks("spark", master, appName);
    }

    /**
     * @param task name shown on progress lines
     * @return the progress listener (close it to end the bar; Ctrl-C stays handled until the command returns)
     */
    SweepProgress progress(String task) {
        progress = new SweepProgress(task, quiet, commandSpec.commandLine().getErr(), () -> {
            runner.stop();
            tasks.stop();
        });
        return progress;
    }

    /** @return whether Ctrl-C stopped a sweep of this command */
    boolean interrupted() {
        return progress != null && progress.interrupted();
    }

    /**
     * @param what   what failed, e.g. {@code trials}
     * @param runDir the run directory holding the failed rows
     * @return {@link ExitCodes#FAILURE}, after saying where the failures are and how to retry them
     */
    int failed(String what, Object runDir) {
        PrintWriter err = commandSpec.commandLine().getErr();
        err.println("jackpot: some " + what + " failed (see 'jackpot results show " + runDir + "'); run the same "
                + "command again to retry them");
        err.flush();
        return ExitCodes.FAILURE;
    }

    /** @return {@link ExitCodes#INTERRUPTED}, after saying how to resume */
    int stopped() {
        PrintWriter err = commandSpec.commandLine().getErr();
        err.println("jackpot: stopped; finished trials are kept, run the same command again to resume");
        err.flush();
        return ExitCodes.INTERRUPTED;
    }
}
