package dev.jackpot.sweep;

import dev.jackpot.experiment.Manifest;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.jobs.SweepListener;
import dev.jackpot.run.Resources;
import dev.jackpot.run.RunLock;
import dev.jackpot.run.RunWriter;
import dev.jackpot.store.ResultStore;
import dev.jackpot.store.TrialRow;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep into its run directory, {@code <root>/<kind>-<hash>/}, with one SQLite row per
 * finished trial in {@code results.sqlite}.
 *
 * <ul>
 *   <li>Trials run on a {@link TrialExecutor}: by default a fixed pool of threads in this JVM
 *       ({@link LocalExecutor}), or another engine such as Spark. Each trial is independent and
 *       seeded by name, so any engine, order and thread count give identical rows (apart from their
 *       wall time).</li>
 *   <li>Resume: running the same spec again skips every finished trial and retries failed ones;
 *       a row is committed in one SQLite transaction the moment its trial ends, so a process
 *       killed at any moment loses only the trials still in flight.</li>
 *   <li>A trial that throws is recorded as failed with its seed and cause; the sweep goes on.</li>
 *   <li>{@link #stop()} (e.g. on Ctrl-C) stops scheduling; trials in flight finish and are kept.</li>
 * </ul>
 */
public final class SweepRunner {

    private final AtomicBoolean stopping = new AtomicBoolean();

    /**
     * What a sweep left behind.
     *
     * @param layout   the run directory
     * @param plan     the grid
     * @param rows     every row in the store, ordered by cell and trial
     * @param computed trials computed by this run
     * @param complete whether every trial has an ok row
     */
    public record Outcome(RunLayout layout, SweepPlan plan, List<TrialRow> rows, int computed, boolean complete) {
    }

    /**
     * The run id of a sweep.
     *
     * @param kind  the run kind, e.g. "sweep" or "zhang2021-fig4"
     * @param sweep the sweep
     * @return its id
     */
    public static RunId id(String kind, SweepSpec sweep) {
        return RunId.of(kind, SweepCodec.CODEC.toTree(sweep), SweepCodec.CODEC.toTree(SweepCodec.CODEC.defaults()));
    }

    /** Asks a running sweep to stop after the trials in flight. */
    public void stop() {
        stopping.set(true);
    }

    /**
     * Runs (or resumes) a sweep on the embedded thread pool.
     *
     * @param kind     the run kind
     * @param sweep    the sweep
     * @param root     the directory holding runs
     * @param threads  worker threads, positive
     * @param listener progress observer
     * @return the outcome
     * @throws IOException if the run directory or the store cannot be written
     */
    public Outcome run(String kind, SweepSpec sweep, Path root, int threads, SweepListener listener) throws IOException {
        return run(kind, sweep, root, new LocalExecutor(threads), listener);
    }

    /**
     * Runs (or resumes) a sweep on an executor. Planning, resume (which trials are missing or
     * failed) and the store stay here, in this JVM: each row is committed as the executor hands it
     * over, whichever engine computed it.
     *
     * @param kind     the run kind
     * @param sweep    the sweep
     * @param root     the directory holding runs
     * @param executor where the trials run
     * @param listener progress observer
     * @return the outcome
     * @throws IOException if the run directory or the store cannot be written, or the executor fails
     */
    public Outcome run(String kind, SweepSpec sweep, Path root, TrialExecutor executor, SweepListener listener)
            throws IOException {
        Objects.requireNonNull(executor, "executor");
        SweepPlan plan = new SweepPlan(sweep);
        // Each worker holds one trial at a time: refuse, before the run directory exists, a grid whose largest
        // cell cannot fit this heap that many times. The local pool's workers share this JVM; another engine's
        // run in JVMs of their own, so here only one trial is checked.
        SweepPlan.Cell largest = plan.cells().stream()
                .max(Comparator.comparingDouble(c -> c.spec().estimatedBytes())).orElseThrow();
        int workers = executor instanceof LocalExecutor
                ? Math.max(1, Math.min(executor.parallelism(), plan.totalTrials())) : 1;
        Resources.requireHeap("this sweep", workers * largest.spec().estimatedBytes(), workers + " trial(s) at once of "
                + "its largest cell (" + largest.spec().sizes() + ")");
        RunLayout layout = new RunLayout(root, id(kind, sweep));
        RunWriter writer = RunWriter.open(layout);
        writer.specIfAbsent(SweepCodec.CODEC.toYaml(sweep));
        Instant started = Instant.now();
        int computed;
        try (RunLock lock = RunLock.acquire(layout.dir()); ResultStore store = ResultStore.open(layout.results())) {
            Set<String> finished = store.finishedKeys();
            List<PendingTrial> todo = new ArrayList<>();
            for (SweepPlan.Cell cell : plan.cells()) {
                for (int t = 0; t < sweep.trials(); t++) {
                    if (!finished.contains(SweepPlan.key(cell.index(), t))) {
                        todo.add(new PendingTrial(cell.index(), t, plan.seed(cell, t)));
                    }
                }
            }
            listener.onStart(plan.totalTrials(), plan.totalTrials() - todo.size(), todo.size());
            AtomicInteger done = new AtomicInteger();
            Object listenerLock = new Object();
            executor.execute(plan, List.copyOf(todo), row -> {
                store.record(row);
                synchronized (listenerLock) {
                    listener.onTrial(row, done.incrementAndGet());
                }
            }, stopping::get);
            computed = done.get();
            Map<String, Long> seeds = new TreeMap<>();
            seeds.put("root", sweep.seed());
            List<TrialRow> rows = store.rows();
            boolean complete = store.finishedKeys().size() == plan.totalTrials();
            writer.manifestIfComputed(computed > 0, Manifest.state(complete, stopping.get()), executor.parallelism(),
                    seeds, started);
            return new Outcome(layout, plan, rows, computed, complete);
        }
    }

    /** File name of the results database inside a run directory. */
    public static final String RESULTS = RunLayout.RESULTS;
}
