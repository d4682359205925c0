package dev.jackpot.jobs;

import dev.jackpot.store.TrialRow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/** Runs tasks on a fixed pool of this JVM's threads ({@link WorkerPool}). */
public final class LocalTaskExecutor implements TaskExecutor {

    private final int threads;

    /**
     * @param threads worker threads, positive
     * @throws IllegalArgumentException if threads is not positive
     */
    public LocalTaskExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public String name() {
        return "local (" + threads + " threads)";
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public boolean execute(TaskSource source, String specYaml, List<TaskRunner.Task> pending, Consumer<TrialRow> sink,
                        BooleanSupplier stop) throws IOException {
        return runAll("jackpot-tasks", pending, TaskRunner::runOne, sink, stop);
    }

    @Override
    public boolean executeJobs(String kind, String specYaml, List<Job> jobs, Consumer<JobOutcome> sink,
                               BooleanSupplier stop) throws IOException {
        if (jobs.isEmpty()) {
            return false;
        }
        JobSource source = JobSource.find(kind);
        return runAll("jackpot-jobs", jobs, job -> JobOutcome.run(source, specYaml, job), sink, stop);
    }

    /** Runs {@code body} on each item on the pool, handing the results to the sink one at a time. */
    private <T, R> boolean runAll(String threadName, List<T> items, Function<T, R> body, Consumer<R> sink,
                                  BooleanSupplier stop) throws IOException {
        Object lock = new Object();
        List<Runnable> runs = new ArrayList<>(items.size());
        for (T item : items) {
            runs.add(() -> {
                R result = body.apply(item);
                synchronized (lock) {
                    sink.accept(result);
                }
            });
        }
        return WorkerPool.runAll(threads, threadName, runs, stop);
    }

    @Override
    public void close() {
    }
}
