package dev.jackpot.jobs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The one place that runs independent jobs on a fixed pool of daemon threads, for the sweep executor
 * and the task runner: a job that has not started is skipped once {@code stop} says so or the caller is
 * interrupted; jobs in flight always finish (their results are kept); the first job that throws ends
 * the wait with its exception.
 */
public final class WorkerPool {

    private WorkerPool() {
    }

    /**
     * @param threads    worker threads, positive
     * @param threadName the workers' thread name
     * @param jobs       the jobs, submitted in order
     * @param stop       checked before each job starts
     * @return whether the caller was interrupted while waiting (its interrupt flag is set again)
     * @throws IOException wrapping a checked failure of a job
     */
    public static boolean runAll(int threads, String threadName, List<? extends Runnable> jobs, BooleanSupplier stop)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean interrupted = new AtomicBoolean();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (Runnable job : jobs) {
                futures.add(pool.submit(() -> {
                    if (!stop.getAsBoolean() && !interrupted.get()) {
                        job.run();
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IOException("a " + threadName + " worker failed: " + cause, cause);
                }
            }
        } catch (InterruptedException e) {
            // queued jobs see this and skip; those in flight finish below and are kept
            interrupted.set(true);
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return interrupted.get();
    }
}
