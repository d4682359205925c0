package dev.jackpot.sweep;

import dev.jackpot.store.TrialRow;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Where a sweep's trials run: the embedded thread pool ({@link LocalExecutor}, the default) or
 * another engine, such as a Spark cluster (module {@code jackpot-spark}).
 *
 * <p>The {@link SweepRunner} keeps everything that makes a sweep resumable: it plans the grid,
 * decides which trials are missing or failed, and writes each row to the run's store the moment the
 * executor hands it over. An executor only runs the trials it is given, each with
 * {@link SweepTrial#run}, and passes every row to the sink as soon as it has it.
 *
 * <p>Contract:
 * <ul>
 *   <li>every row comes from {@link SweepTrial#run} (or {@link SweepTrial#failed} for a trial its
 *       worker could not run), so rows do not depend on the engine, its parallelism or the order;</li>
 *   <li>a trial that throws becomes a failed row; it never ends the sweep;</li>
 *   <li>the sink may be called from any thread, but never twice for the same trial;</li>
 *   <li>once {@code stopRequested} turns true, no new trial starts; trials in flight may finish
 *       (and go to the sink) or be abandoned (they stay missing and run on resume).</li>
 * </ul>
 */
public interface TrialExecutor extends AutoCloseable {

    /** @return a short description for logs and manifests, e.g. {@code local (2 threads)} */
    String name();

    /** @return how many trials run at once (recorded in the run manifest; never changes a result) */
    int parallelism();

    /**
     * Runs the trials and returns when all have gone to the sink, or after a stop.
     *
     * @param plan          the sweep's grid
     * @param pending       the trials to run, in grid order
     * @param sink          takes each finished row (ok or failed); thread-safe
     * @param stopRequested true once the sweep should stop
     * @throws IOException if the engine fails as a whole (rows already given to the sink are kept)
     */
    void execute(SweepPlan plan, List<PendingTrial> pending, Consumer<TrialRow> sink, BooleanSupplier stopRequested)
            throws IOException;

    /** Releases the engine (e.g. stops a Spark context this executor started); does nothing by default. */
    @Override
    default void close() {
    }
}
