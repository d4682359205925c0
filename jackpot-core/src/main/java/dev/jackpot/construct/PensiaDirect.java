package dev.jackpot.construct;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.subsetsum.SortedSubsetSums;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The direct weight approximation of Pensia, Nagaraj, Rajput and Papailiopoulos's experiment 1
 * ("SubsetSum", NeurIPS 2020, code {@code subset-sum/}; design note strong-lth.md section 4.4): no
 * ReLU-pair network is built; every target weight w is replaced by the subset sum of random scalars
 * nearest to it.
 *
 * <p>For each layer W (d_out x d_in) and each row k (output neuron), n candidates
 * a_{k,1..n} ~ U[min W, max W] are drawn (min and max over the whole layer tensor, as the reference
 * code), and <b>one candidate vector is shared by every weight of the row</b>: weight w_{kj} is
 * approximated by sum_{i in S_{kj}} a_{k,i} with S_{kj} chosen independently per weight. This is the
 * reference's behaviour (its comment claims unique values per weight, its code reuses the row's
 * vector). n = c round(log2(1/eps)) ({@link #candidatesFor}; 21 at c = 3, eps = 0.01).
 *
 * <p>Solver: the row's 2^n subset sums are enumerated once in ascending order with their masks
 * ({@link SortedSubsetSums}, O(2^n)), then each weight takes the nearest sum by binary search, so
 * S_{kj} = argmin_S |w_{kj} - sum_S a_{k,i}| is the exact optimum for the drawn vector (the reference
 * uses Gurobi with MIPGap 0.01). A weight whose optimal error exceeds eps is counted as a failure; the
 * reference aborts the whole run there, this builder never does. The approximated weight is the
 * stored sum, bit-identical to the subset's sum recomputed in increasing index order.
 *
 * <p>Randomness: row k of layer L draws its n candidates from
 * {@code Seeds.stream(seed, "pensia-direct", L, k)}; rows are solved in parallel on a fixed number of
 * threads and each writes only its own slots, so the result is bit-identical for any thread count.
 * Memory: per thread two buffers of 2^n sums and masks, 2 x 2^n x 12 bytes (about 50 MB at n = 21).
 */
public final class PensiaDirect {

    /** The stream name of the candidates. */
    public static final String STREAM = "pensia-direct";

    /** The reference's multiplier c in n = c round(log2(1/eps)). */
    public static final int DEFAULT_C = 3;

    /** Progress of a run: called from worker threads, once per finished row, with a count that only grows. */
    @FunctionalInterface
    public interface Listener {
        /** No progress reporting. */
        Listener NONE = (done, total) -> { };

        /**
         * @param done  rows finished so far
         * @param total rows in all
         */
        void rowsDone(int done, int total);
    }

    private PensiaDirect() {
    }

    /**
     * The reference's candidate count, n = c round(log2(1/eps)), rounding half to even as Python's
     * {@code round}: 21 for c = 3, eps = 0.01.
     *
     * @param eps the per-weight error, in (0, 1)
     * @param c   the multiplier, positive
     * @return n
     * @throws IllegalArgumentException naming the value when eps is outside (0, 1), c is not positive, or
     *                                  n would exceed {@link SortedSubsetSums#MAX_N}
     */
    public static int candidatesFor(double eps, int c) {
        if (!(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException("eps must be in (0, 1), got " + eps);
        }
        if (c < 1) {
            throw new IllegalArgumentException("the multiplier c must be positive, got " + c);
        }
        long n = c * (long) Math.rint(Math.log(1 / eps) / Math.log(2));
        if (n < 1 || n > SortedSubsetSums.MAX_N) {
            throw new IllegalArgumentException("n = c round(log2(1/eps)) = " + n + " for c = " + c + " and eps = " + eps
                    + " must be in [1, " + SortedSubsetSums.MAX_N + "] (all 2^n subset sums of a row are enumerated)");
        }
        return (int) n;
    }

    /**
     * Approximates every weight of {@code target}.
     *
     * @param target   the target network (bias-free ReLU MLP)
     * @param n        candidates per row, in [1, {@link SortedSubsetSums#MAX_N}]
     * @param eps      the per-weight error a weight must reach not to count as a failure, positive and finite
     * @param seed     the root seed of the candidates
     * @param threads  worker threads, positive (the result does not depend on it)
     * @param listener progress
     * @return the approximation
     * @throws IllegalArgumentException naming the value when n, eps or threads is out of range
     */
    public static PensiaDirectResult approximate(ReluMlp target, int n, double eps, long seed, int threads,
                                                 Listener listener) {
        return approximate(target, n, eps, seed, threads, 0, listener);
    }

    /**
     * As {@link #approximate(ReluMlp, int, double, long, int, Listener)}, drawing a row's candidate vector
     * again, up to {@code redraws} times, while some weight of the row stays above eps: draw t of row k of
     * layer L comes from {@code Seeds.stream(seed, "pensia-direct", L, k, t)} (t = 0 is the one draw of the
     * reference). The first draw that approximates every weight of the row is kept, else the one with the
     * fewest failures (the earliest on a tie). Not the reference's procedure, which aborts on the first
     * infeasible weight; with {@code redraws = 0} it is exactly the one-draw approximation.
     *
     * @param target   the target network
     * @param n        candidates per row
     * @param eps      the per-weight error
     * @param seed     the root seed of the candidates
     * @param threads  worker threads (the result does not depend on it)
     * @param redraws  extra draws allowed per row, at least 0
     * @param listener progress
     * @return the approximation, with each row's number of draws
     */
    public static PensiaDirectResult approximate(ReluMlp target, int n, double eps, long seed, int threads,
                                                 int redraws, Listener listener) {
        if (redraws < 0) {
            throw new IllegalArgumentException("redraws must be 0 or positive, got " + redraws);
        }
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(listener, "listener");
        if (n < 1 || n > SortedSubsetSums.MAX_N) {
            throw new IllegalArgumentException("n, the candidates per row, must be in [1, " + SortedSubsetSums.MAX_N
                    + "], got " + n);
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and positive, got " + eps);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        long t0 = System.nanoTime();
        double[][][] w = target.raw();
        int layers = w.length;
        double[][][] candidates = new double[layers][][];
        int[][][] masks = new int[layers][][];
        double[][][] approx = new double[layers][][];
        int[][] draws = new int[layers][];
        double[][] range = new double[layers][];
        List<int[]> rows = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : w[l]) {
                for (double v : row) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            range[l] = new double[] {lo, hi};
            candidates[l] = new double[w[l].length][];
            masks[l] = new int[w[l].length][];
            approx[l] = new double[w[l].length][];
            draws[l] = new int[w[l].length];
            for (int k = 0; k < w[l].length; k++) {
                rows.add(new int[] {l, k});
            }
        }
        int total = rows.size();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            SortedSubsetSums table = new SortedSubsetSums(n);
            for (int i = next.getAndIncrement(); i < total && !Thread.currentThread().isInterrupted();
                 i = next.getAndIncrement()) {
                int l = rows.get(i)[0];
                int k = rows.get(i)[1];
                double[] row = w[l][k];
                int bestFailures = Integer.MAX_VALUE;
                for (int t = 0; t <= redraws && bestFailures > 0; t++) {
                    Rng rng = t == 0 ? Seeds.stream(seed, STREAM, l, k) : Seeds.stream(seed, STREAM, l, k, t);
                    double[] a = new double[n];
                    for (int c = 0; c < n; c++) {
                        a[c] = rng.uniform(range[l][0], range[l][1]);
                    }
                    table.fill(a, 0, n);
                    int[] m = new int[row.length];
                    double[] s = new double[row.length];
                    int failures = 0;
                    for (int j = 0; j < row.length; j++) {
                        int r = table.nearest(row[j]);
                        m[j] = table.mask(r);
                        s[j] = table.sum(r);
                        failures += Math.abs(row[j] - s[j]) > eps ? 1 : 0;
                    }
                    if (failures < bestFailures) {
                        bestFailures = failures;
                        candidates[l][k] = a;
                        masks[l][k] = m;
                        approx[l][k] = s;
                    }
                    draws[l][k] = t + 1;
                }
                listener.rowsDone(done.incrementAndGet(), total);
            }
        };
        run(worker, Math.min(threads, Math.max(1, total)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new PensiaDirectResult(target, n, eps, seed, range, candidates, masks, approx, draws, seconds);
    }

    private static void run(Runnable worker, int threads) {
        if (threads == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pensia-direct");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the approximation was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
