package dev.jackpot.cli;

import dev.jackpot.sweep.SweepRunner;
import dev.jackpot.sweep.TaskRunner;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Base of the commands that run sweeps: the {@code --threads} and {@code --quiet} options, progress
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
        try {
            return execute();
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
    }

    /**
     * @return the command's result code
     * @throws Exception on failure
     */
    abstract Integer execute() throws Exception;

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

    /** @return {@link ExitCodes#INTERRUPTED}, after saying how to resume */
    int stopped() {
        PrintWriter err = commandSpec.commandLine().getErr();
        err.println("jackpot: stopped; finished trials are kept, run the same command again to resume");
        err.flush();
        return ExitCodes.INTERRUPTED;
    }
}
