package dev.jackpot.nn.sparse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a range of independent rows across a fixed number of threads (the caller is one of them).
 * Callers write each row from one task in a fixed order, so the split changes no bit of the result;
 * work below {@link #MIN_WORK} multiply-adds runs on the caller alone, where a hand-off costs more
 * than it saves.
 */
final class RowParallel implements AutoCloseable {

    /**
     * Multiply-adds below which a range runs on the calling thread: with 200,000 a 2%-density LeNet-300-100
     * epoch ran slower on two threads than on one (0.20 against 0.16 s; a hand-off costs tens of microseconds).
     */
    static final long MIN_WORK = 1_000_000;

    /** A body over rows {@code [from, to)}. */
    interface Body {
        void rows(int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    RowParallel(int threads) {
        this.threads = threads;
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "jackpot-sparse");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * @param n    rows
     * @param work multiply-adds of the whole range (decides whether to split)
     * @param body the work per sub-range
     */
    void run(int n, long work, Body body) {
        int parts = pool == null || work < MIN_WORK ? 1 : Math.min(threads, n);
        if (parts <= 1) {
            body.rows(0, n);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int q = 1; q < parts; q++) {
            int from = (int) ((long) n * q / parts);
            int to = (int) ((long) n * (q + 1) / parts);
            futures.add(pool.submit(() -> body.rows(from, to)));
        }
        body.rows(0, (int) ((long) n / parts));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a sparse kernel.", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(c);
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
