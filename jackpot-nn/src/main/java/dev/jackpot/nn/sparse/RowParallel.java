package dev.jackpot.nn.sparse;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits a range of independent rows across a fixed number of threads (the caller is one of them).
 * Callers write each row from one task in a fixed order, so the split changes no bit of the result;
 * work below {@link #MIN_WORK} multiply-adds runs on the caller alone, where a hand-off costs more
 * than it saves.
 *
 * <p>The products of a sparse step take tens of microseconds each, so the hand-off must be far cheaper than
 * an executor's (a queued task and a future cost tens of microseconds). Workers wait for the next range by
 * spinning briefly ({@link Thread#onSpinWait()}), then park; the caller publishes a range by bumping a
 * generation counter and waits for the workers the same way.
 */
final class RowParallel implements AutoCloseable {

    /**
     * Multiply-adds below which a range runs on the calling thread. LeNet-300-100 epochs on two threads at 10% / 5% /
     * 2% density: 0.33 / 0.21 / 0.15 s at 100,000, 0.29 / 0.20 / 0.15 at 300,000, 0.39 / 0.26 / 0.17 at 1,000,000
     * (one process each; the executor hand-off this class used before, at 1,000,000: 0.42-0.44 / 0.25-0.27 / 0.13-0.15).
     */
    static final long MIN_WORK = 300_000;

    /** Spin-wait iterations before a waiting thread parks (tens of microseconds). */
    private static final int SPINS = 20_000;

    /** A body over rows {@code [from, to)}. */
    interface Body {
        void rows(int from, int to);
    }

    private final int threads;
    private final Worker[] workers;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Body body;
    private volatile int rows;
    private volatile int parts;
    private volatile Thread caller;
    private volatile boolean callerParked;
    private volatile Throwable failure;
    private volatile boolean closed;

    RowParallel(int threads) {
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int q = 0; q < workers.length; q++) {
            workers[q] = new Worker(q + 1);
            workers[q].thread.start();
        }
    }

    /**
     * @param n    rows
     * @param work multiply-adds of the whole range (decides whether to split)
     * @param body the work per sub-range
     */
    void run(int n, long work, Body body) {
        int p = workers.length == 0 || work < MIN_WORK ? 1 : Math.min(threads, n);
        if (p <= 1) {
            body.rows(0, n);
            return;
        }
        this.body = body;
        this.rows = n;
        this.parts = p;
        this.caller = Thread.currentThread();
        this.failure = null;
        pending.set(p - 1);
        generation.incrementAndGet();
        for (Worker w : workers) {
            if (w.parked) {
                LockSupport.unpark(w.thread);
            }
        }
        Throwable own = null;
        try {
            body.rows(0, bound(n, p, 1));
        } catch (RuntimeException | Error e) {
            own = e;
        }
        awaitWorkers();
        this.body = null;
        Throwable t = own != null ? own : failure;
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }

    private static int bound(int n, int parts, int q) {
        return (int) ((long) n * q / parts);
    }

    private void awaitWorkers() {
        int spins = 0;
        while (pending.get() > 0) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            callerParked = true;
            if (pending.get() > 0) {
                LockSupport.park(this);
            }
            callerParked = false;
            spins = 0;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
    }

    private final class Worker implements Runnable {
        private final int index;
        private final Thread thread;
        private volatile boolean parked;

        Worker(int index) {
            this.index = index;
            this.thread = new Thread(this, "jackpot-sparse-" + index);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            // generation 0 is the state before the first range (workers start before any), so a worker that starts
            // late still sees that range as new
            long seen = 0;
            while (true) {
                int spins = 0;
                long g;
                while ((g = generation.get()) == seen && !closed) {
                    if (++spins < SPINS) {
                        Thread.onSpinWait();
                        continue;
                    }
                    parked = true;
                    if (generation.get() == seen && !closed) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    spins = 0;
                }
                if (closed) {
                    return;
                }
                // the caller publishes the next range only after every worker of this one is done, so g is the range
                // this worker belongs to (or one it has no part in)
                seen = g;
                int p = parts;
                if (index >= p) {
                    continue;
                }
                try {
                    body.rows(bound(rows, p, index), bound(rows, p, index + 1));
                } catch (Throwable t) {
                    failure = t;
                }
                if (pending.decrementAndGet() == 0 && callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
