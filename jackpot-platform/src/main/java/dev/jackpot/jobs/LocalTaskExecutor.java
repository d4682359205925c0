package dev.jackpot.jobs;

import dev.jackpot.store.TrialRow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

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
        Object lock = new Object();
        List<Runnable> jobs = new ArrayList<>(pending.size());
        for (TaskRunner.Task task : pending) {
            jobs.add(() -> {
                TrialRow row = TaskRunner.runOne(task);
                synchronized (lock) {
                    sink.accept(row);
                }
            });
        }
        return WorkerPool.runAll(threads, "jackpot-tasks", jobs, stop);
    }

    @Override
    public boolean executeJobs(String kind, String specYaml, List<Job> jobs, Consumer<JobOutcome> sink,
                               BooleanSupplier stop) throws IOException {
        if (jobs.isEmpty()) {
            return false;
        }
        JobSource source = JobSource.find(kind);
        Object lock = new Object();
        List<Runnable> runs = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            runs.add(() -> {
                JobOutcome outcome = JobOutcome.run(source, specYaml, job);
                synchronized (lock) {
                    sink.accept(outcome);
                }
            });
        }
        return WorkerPool.runAll(threads, "jackpot-jobs", runs, stop);
    }

    @Override
    public void close() {
    }
}
