package dev.jackpot.jobs;

import dev.jackpot.store.TrialRow;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Where a {@link TaskRunner} experiment's pending tasks run: this JVM's threads
 * ({@link LocalTaskExecutor}) or a cluster (jackpot-spark's, found through
 * {@link TaskExecutorProvider}). Every row goes to the sink the moment its task ends; the runner
 * commits it. Each task is a pure function of its seed, so the rows never depend on the executor.
 */
public interface TaskExecutor extends AutoCloseable {

    /** @return a short description for logs, e.g. {@code local (2 threads)} */
    String name();

    /** @return how many tasks run at once, recorded in the run's manifest */
    int parallelism();

    /**
     * Runs the pending tasks. A task that throws becomes a failed row (never an exception here).
     *
     * @param source   rebuilds the tasks from the spec (for executors in other JVMs)
     * @param specYaml the experiment's spec
     * @param pending  the tasks to run, built on this JVM from the same spec
     * @param sink     receives each row as its task ends (from any thread, one at a time)
     * @param stop     checked before each task starts: once true, no further task starts
     * @return whether the calling thread was interrupted while waiting (its interrupt flag is set again; the
     *         tasks not started were skipped, as after a stop)
     * @throws IOException if the cluster fails the whole job (rows that arrived are in the sink)
     */
    boolean execute(TaskSource source, String specYaml, List<TaskRunner.Task> pending, Consumer<TrialRow> sink,
                 BooleanSupplier stop) throws IOException;

    /**
     * Runs independent jobs of a chained experiment (one dependency round: the driver ships each job its
     * inputs and commits the outputs before the next round). A job that throws becomes a failed
     * {@link JobOutcome} (never an exception here).
     *
     * @param kind     the experiment's kind, naming its {@link JobSource}
     * @param specYaml the experiment's spec
     * @param jobs     the jobs
     * @param sink     receives each outcome as its job ends (from any thread, one at a time)
     * @param stop     checked before each job starts: once true, no further job starts
     * @return whether the calling thread was interrupted while waiting (its interrupt flag set again)
     * @throws IOException if the cluster fails the whole job (outcomes that arrived are in the sink)
     */
    boolean executeJobs(String kind, String specYaml, List<Job> jobs, Consumer<JobOutcome> sink, BooleanSupplier stop)
            throws IOException;

    @Override
    void close();
}
