package dev.jackpot.jobs;

import dev.jackpot.experiment.Manifest;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.run.RunLock;
import dev.jackpot.run.RunWriter;
import dev.jackpot.store.ResultStore;
import dev.jackpot.store.TrialRow;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs any list of independent seeded trials into a run directory with the guarantees of a sweep
 * (jackpot-theory's {@code SweepRunner}), for experiments whose trials are not teacher-student trials
 * (the strong-ticket experiments): one SQLite row per trial in {@code results.sqlite}, committed the moment the trial
 * ends; finished trials skipped and failed ones retried on resume; a trial that throws recorded as
 * failed with its seed and cause; {@link #stop()} lets the trials in flight finish. Each trial is a
 * pure function of its seed, so any thread count and any order give the same rows.
 */
public final class TaskRunner {

    private final AtomicBoolean stopping = new AtomicBoolean();

    /**
     * A trial's body: its metrics, computed from its seed alone.
     */
    @FunctionalInterface
    public interface Body {
        /**
         * @param seed the trial's derived seed
         * @return metric name to value (Long, Integer, Double, Boolean or String)
         */
        Map<String, ?> run(long seed);
    }

    /**
     * One trial.
     *
     * @param key         unique key, e.g. {@code c3-t17}
     * @param cell        the cell's index
     * @param trial       the trial's index within its cell
     * @param seed        the trial's seed, derived by name from the root seed
     * @param coordinates the cell's coordinates, axis name to value
     * @param body        what the trial computes
     */
    public record Task(String key, int cell, int trial, long seed, Map<String, ?> coordinates, Body body) {
        /** @throws NullPointerException if an argument is null */
        public Task {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(coordinates, "coordinates");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * What a run left behind.
     *
     * @param layout   the run directory
     * @param rows     every row in the store, ordered by cell and trial
     * @param computed trials computed by this run
     * @param complete whether every task has an ok row
     */
    public record Outcome(RunLayout layout, List<TrialRow> rows, int computed, boolean complete) {
    }

    /** Asks a running run to stop after the trials in flight. */
    public void stop() {
        stopping.set(true);
    }

    /**
     * Runs (or resumes) the tasks.
     *
     * @param layout   the run directory (created if absent)
     * @param specYaml the spec, written to {@code spec.yaml} on the first run
     * @param seeds    the seeds to record in the manifest (at least the root seed)
     * @param tasks    the trials, with unique keys
     * @param threads  worker threads, positive
     * @param listener progress observer
     * @return the outcome
     * @throws IOException if the run directory or the store cannot be written
     * @throws IllegalArgumentException if threads is not positive or two tasks share a key
     */
    public Outcome run(RunLayout layout, String specYaml, Map<String, Long> seeds, List<Task> tasks, int threads,
                       SweepListener listener) throws IOException {
        return run(layout, specYaml, seeds, tasks, null, new LocalTaskExecutor(threads), listener);
    }

    /**
     * Runs (or resumes) the tasks on an executor.
     *
     * @param layout   the run directory (created if absent)
     * @param specYaml the spec, written to {@code spec.yaml} on the first run
     * @param seeds    the seeds to record in the manifest (at least the root seed)
     * @param tasks    the trials, with unique keys
     * @param source   rebuilds the tasks from {@code specYaml} in other JVMs; null when the executor is local
     * @param executor where the pending tasks run; the rows do not depend on it
     * @param listener progress observer
     * @return the outcome
     * @throws IOException if the run directory or the store cannot be written, or the executor's job fails
     * @throws IllegalArgumentException if two tasks share a key
     */
    public Outcome run(RunLayout layout, String specYaml, Map<String, Long> seeds, List<Task> tasks, TaskSource source,
                       TaskExecutor executor, SweepListener listener) throws IOException {
        if (tasks.stream().map(Task::key).distinct().count() != tasks.size()) {
            throw new IllegalArgumentException("every task needs its own key, but some of the " + tasks.size()
                    + " tasks share one");
        }
        RunWriter writer = RunWriter.open(layout);
        writer.specIfAbsent(specYaml);
        Instant started = Instant.now();
        try (RunLock lock = RunLock.acquire(layout.dir()); ResultStore store = ResultStore.open(layout.results())) {
            Set<String> finished = store.finishedKeys();
            List<Task> todo = new ArrayList<>();
            for (Task t : tasks) {
                if (!finished.contains(t.key())) {
                    todo.add(t);
                }
            }
            listener.onStart(tasks.size(), tasks.size() - todo.size(), todo.size());
            int computed = execute(source, specYaml, todo, store, executor, listener);
            Set<String> ok = store.finishedKeys();
            boolean complete = tasks.stream().allMatch(t -> ok.contains(t.key()));
            writer.manifestIfComputed(computed > 0, Manifest.state(complete, stopping.get()), executor.parallelism(),
                    new TreeMap<>(seeds), started);
            return new Outcome(layout, store.rows(), computed, complete);
        }
    }

    private int execute(TaskSource source, String specYaml, List<Task> todo, ResultStore store, TaskExecutor executor,
                        SweepListener listener) throws IOException {
        AtomicInteger done = new AtomicInteger();
        boolean interrupted = executor.execute(source, specYaml, todo, row -> {
            store.record(row);
            listener.onTrial(row, done.incrementAndGet());
        }, stopping::get);
        if (interrupted) {
            stopping.set(true);
        }
        return done.get();
    }

    /**
     * Runs one task: its row, ok with the metrics or failed with the cause (never throws for the task).
     *
     * @param task the task
     * @return its row
     */
    public static TrialRow runOne(Task task) {
        long start = System.nanoTime();
        try {
            Map<String, ?> metrics = task.body().run(task.seed());
            return TrialRow.ok(task.key(), task.cell(), task.trial(), task.seed(), task.coordinates(),
                    new LinkedHashMap<>(metrics), (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return TrialRow.failed(task.key(), task.cell(), task.trial(), task.seed(), task.coordinates(),
                    new IllegalStateException("trial " + task.key() + " (seed " + task.seed() + ", cell "
                            + task.coordinates() + ") failed", e), (System.nanoTime() - start) / 1e9);
        }
    }
}
