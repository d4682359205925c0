package dev.jackpot.sweep;

import dev.jackpot.store.TrialRow;

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
import java.util.function.Consumer;

/**
 * The embedded executor: a fixed pool of daemon threads in this JVM, one trial per task. On a stop,
 * queued trials are skipped and the trials in flight finish and are kept.
 */
public final class LocalExecutor implements TrialExecutor {

    private final int threads;

    /**
     * @param threads worker threads, positive
     * @throws IllegalArgumentException if threads is not positive
     */
    public LocalExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public String name() {
        return "local (" + threads + (threads == 1 ? " thread)" : " threads)");
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public void execute(SweepPlan plan, List<PendingTrial> pending, Consumer<TrialRow> sink, BooleanSupplier stopRequested)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jackpot-sweep");
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean interrupted = new AtomicBoolean();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (PendingTrial trial : pending) {
                futures.add(pool.submit(() -> {
                    if (!stopRequested.getAsBoolean() && !interrupted.get()) {
                        sink.accept(SweepTrial.run(plan, trial));
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
                    throw new IOException("a sweep worker failed: " + cause, cause);
                }
            }
        } catch (InterruptedException e) {
            // queued trials see this and skip; those in flight finish below and are kept
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
    }
}
