package dev.jackpot.teacher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs independent per-neuron work on a fixed number of threads. Neuron j always runs as one
 * unit, and callers combine neurons in index order afterwards, so the thread count never changes
 * a result. With one thread everything runs inline on the caller's thread.
 */
public final class NeuronParallel implements AutoCloseable {

    private static final NeuronParallel SEQUENTIAL = new NeuronParallel(1);

    private final int threads;
    private final ExecutorService pool;

    private NeuronParallel(int threads) {
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jackpot-neurons");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return the inline, single-threaded runner (closing it does nothing) */
    public static NeuronParallel sequential() {
        return SEQUENTIAL;
    }

    /**
     * @param threads number of threads, positive
     * @return a runner owning a pool of {@code threads} threads (close it when done)
     */
    public static NeuronParallel of(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        return threads == 1 ? SEQUENTIAL : new NeuronParallel(threads);
    }

    /** @return the number of threads */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body} for j = 0..count-1; thread t takes neurons t, t + T, t + 2T, ...
     *
     * @param count number of neurons
     * @param body  the per-neuron work; must touch only neuron j's buffers
     */
    public void forEachNeuron(int count, IntConsumer body) {
        if (pool == null || count == 1) {
            for (int j = 0; j < count; j++) {
                body.accept(j);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(threads);
        for (int t = 1; t < threads; t++) {
            int first = t;
            futures.add(pool.submit(() -> {
                for (int j = first; j < count; j += threads) {
                    body.accept(j);
                }
            }));
        }
        for (int j = 0; j < count; j += threads) {
            body.accept(j);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for neuron work", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
