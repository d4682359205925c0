package dev.jackpot.sweep;

import dev.jackpot.experiment.AtomicFiles;
import dev.jackpot.experiment.Manifest;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.store.ResultStore;
import dev.jackpot.store.TrialRow;
import dev.jackpot.teacher.TeacherTrialSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep into its run directory, {@code <root>/<kind>-<hash>/}, with one SQLite row per
 * finished trial in {@code results.sqlite}.
 *
 * <ul>
 *   <li>Trials run on a fixed pool of threads; each is independent and seeded by name, so any
 *       order and any thread count give identical rows (apart from their wall time).</li>
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
     * @param kind     the run kind
     * @param sweep    the sweep
     * @param root     the directory holding runs
     * @param threads  worker threads, positive
     * @param listener progress observer
     * @return the outcome
     * @throws IOException if the run directory or the store cannot be written
     */
    public Outcome run(String kind, SweepSpec sweep, Path root, int threads, SweepListener listener) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        SweepPlan plan = new SweepPlan(sweep);
        RunLayout layout = new RunLayout(root, id(kind, sweep));
        Files.createDirectories(layout.dir());
        if (!Files.exists(layout.spec())) {
            AtomicFiles.writeString(layout.spec(), SweepCodec.CODEC.toYaml(sweep));
        }
        Instant started = Instant.now();
        int computed;
        try (ResultStore store = ResultStore.open(layout.dir().resolve(RESULTS))) {
            Set<String> finished = store.finishedKeys();
            List<int[]> todo = new ArrayList<>();
            for (SweepPlan.Cell cell : plan.cells()) {
                for (int t = 0; t < sweep.trials(); t++) {
                    if (!finished.contains(SweepPlan.key(cell.index(), t))) {
                        todo.add(new int[]{cell.index(), t});
                    }
                }
            }
            listener.onStart(plan.totalTrials(), plan.totalTrials() - todo.size(), todo.size());
            computed = execute(plan, todo, store, threads, listener);
            Map<String, Long> seeds = new TreeMap<>();
            seeds.put("root", sweep.seed());
            AtomicFiles.writeString(layout.manifest(), SpecCodec.json().writeValueAsString(
                    Manifest.of(layout.id(), threads, seeds, started, Instant.now())));
            List<TrialRow> rows = store.rows();
            boolean complete = store.finishedKeys().size() == plan.totalTrials();
            return new Outcome(layout, plan, rows, computed, complete);
        }
    }

    /** File name of the results database inside a run directory. */
    public static final String RESULTS = "results.sqlite";

    private int execute(SweepPlan plan, List<int[]> todo, ResultStore store, int threads, SweepListener listener)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jackpot-sweep");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        Object listenerLock = new Object();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int[] item : todo) {
                futures.add(pool.submit(() -> {
                    if (stopping.get()) {
                        return;
                    }
                    TrialRow row = runTrial(plan, plan.cells().get(item[0]), item[1]);
                    store.record(row);
                    synchronized (listenerLock) {
                        listener.onTrial(row, done.incrementAndGet());
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IOException("a sweep worker failed: " + cause, cause);
                }
            }
        } catch (InterruptedException e) {
            stopping.set(true);
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return done.get();
    }

    private static TrialRow runTrial(SweepPlan plan, SweepPlan.Cell cell, int trial) {
        long seed = plan.seed(cell, trial);
        long start = System.nanoTime();
        String key = SweepPlan.key(cell.index(), trial);
        try {
            TeacherTrialSpec spec = plan.trialSpec(cell, trial);
            LinkedHashMap<String, Object> metrics = Procedures.run(plan.sweep(), spec);
            return new TrialRow(key, cell.index(), trial, seed, new LinkedHashMap<>(cell.coordinates()), metrics, "ok",
                    null, (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            String error = "trial " + key + " (seed " + seed + ", cell " + cell.coordinates() + ") failed: " + e;
            return new TrialRow(key, cell.index(), trial, seed, new LinkedHashMap<>(cell.coordinates()),
                    new LinkedHashMap<>(), "failed", error, (System.nanoTime() - start) / 1e9);
        }
    }
}
