package dev.jackpot.subsetsum;

import dev.jackpot.check.Checks;

import java.util.Objects;

/**
 * Lueker's question for one draw of candidates: how well do the subset sums of x_1..x_n cover the
 * whole interval [-1, 1]? The <em>coverage radius</em> is
 * <pre>
 *   r(x, eps) = sup_{z in [-1, 1]} min_S max(0, |sum_{i in S} x_i - z| - eps |S|),
 * </pre>
 * the worst target's optimal {@link SubsetSumProblem} error; every target in [-1, 1] is approximated
 * within eta exactly when r &lt;= eta. Lueker (Random Structures &amp; Algorithms 12(1), 1998) shows that
 * n = O(log 1/eta) iid uniform candidates give r &lt;= eta with high probability; Pensia et al.
 * (NeurIPS 2020) use it for products of uniforms, Xiong, Liao and Kyrillidis (AISTATS 2023) with the
 * perturbation budget eps (design note strong-lth.md sections 4.1 and 4.5).
 *
 * <p>The radius is computed exactly over the continuum of targets, not on a grid of them: with eps,
 * subset S reaches the whole interval I_S = [s_S - eps |S|, s_S + eps |S|] (the PSSP reduction), so
 * r is the largest distance from a point of [-1, 1] to the union of the 2^n intervals. The intervals
 * are generated in increasing order of their left end L_S = s_S - eps |S| without sorting: adding
 * candidate x_i to every subset shifts every left end by x_i - eps, so the sorted list for the first
 * i candidates is the merge of the list for i - 1 with its shifted copy (time and memory O(2^n),
 * the merges costing 2^1 + ... + 2^n &lt; 2^{n+1} steps). One sweep over the sorted intervals then
 * finds the gaps. A partial subset whose interval can no longer reach [-1 - cap, 1 + cap], whatever
 * the remaining candidates add, is dropped: the radius returned is therefore exact whenever it is at
 * most {@code cap}, and otherwise some value above {@code cap}.
 *
 * <p>Per-target meet in the middle would cost O(2^{n/2}) for each of the ~1/eta targets a grid
 * needs; one enumeration answers every target and every eta at once.
 */
public final class Coverage {

    /** The most candidates {@link #radius} accepts: 2^24 intervals take 2 x 144 MiB at worst. */
    public static final int MAX_N = 24;

    private Coverage() {
    }

    /**
     * The coverage radius of [-1, 1].
     *
     * @param values the candidates x_i, each finite; at most {@link #MAX_N}
     * @param eps    the perturbation budget per chosen candidate, finite and non-negative
     * @param cap    radii above it need not be exact, finite and in (0, 1]
     * @return r(x, eps) when it is at most {@code cap}; otherwise a value above {@code cap}
     * @throws IllegalArgumentException naming the value when a candidate or eps is not finite, eps is
     *                                  negative, cap is outside (0, 1] or there are more than MAX_N candidates
     */
    public static double radius(double[] values, double eps, double cap) {
        Objects.requireNonNull(values, "values");
        if (values.length > MAX_N) {
            throw new IllegalArgumentException("coverage enumerates all 2^n subsets and accepts at most " + MAX_N
                    + " candidates, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            Checks.finite("values[" + i + "]", values[i]);
        }
        Checks.nonNegative("eps", eps);
        if (!(cap > 0 && cap <= 1)) {
            throw new IllegalArgumentException("cap must be in (0, 1], got " + cap);
        }
        int n = values.length;
        // suffix bounds on how far the remaining candidates can move a left end (down, up) and how far
        // the interval's width can still grow
        double[] downAfter = new double[n + 1];
        double[] upAfter = new double[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            double shift = values[i] - eps;
            downAfter[i] = downAfter[i + 1] + Math.min(0, shift);
            upAfter[i] = upAfter[i + 1] + Math.max(0, shift);
        }
        double lo = -1 - cap;
        double hi = 1 + cap;
        double[] left = {0};
        byte[] size = {0};
        int count = 1;
        for (int i = 0; i < n; i++) {
            double shift = values[i] - eps;
            double[] nextLeft = new double[Math.min(2 * count, 1 << MAX_N)];
            byte[] nextSize = new byte[nextLeft.length];
            int a = 0;
            int b = 0;
            int out = 0;
            double down = downAfter[i + 1];
            double up = upAfter[i + 1];
            int remaining = n - i - 1;
            while (a < count || b < count) {
                double la = a < count ? left[a] : Double.POSITIVE_INFINITY;
                double lb = b < count ? left[b] + shift : Double.POSITIVE_INFINITY;
                double l;
                int k;
                if (la <= lb) {
                    l = la;
                    k = size[a++];
                } else {
                    l = lb;
                    k = size[b++] + 1;
                }
                // the final interval is [L', L' + 2 eps k'] with L' in [l + down, l + up] and
                // k <= k' <= k + remaining: drop it when it cannot meet [lo, hi]
                if (l + down > hi || l + up + 2 * eps * (k + remaining) < lo) {
                    continue;
                }
                nextLeft[out] = l;
                nextSize[out] = (byte) k;
                out++;
            }
            left = nextLeft;
            size = nextSize;
            count = out;
        }
        return sweep(left, size, count, eps);
    }

    /** The largest distance from a point of [-1, 1] to the union of [left_j, left_j + 2 eps size_j]. */
    private static double sweep(double[] left, byte[] size, int count, double eps) {
        double worst = 0;
        double covered = Double.NEGATIVE_INFINITY; // right end of the union so far
        for (int j = 0; j <= count; j++) {
            double next = j < count ? left[j] : Double.POSITIVE_INFINITY;
            if (next > covered) {
                worst = Math.max(worst, gapDistance(covered, next));
                if (covered >= 1) {
                    break;
                }
            }
            if (j < count) {
                covered = Math.max(covered, left[j] + 2 * eps * size[j]);
            }
        }
        return worst;
    }

    /** The largest distance from a point of [-1, 1] in the open gap (a, b) to its nearer end. */
    private static double gapDistance(double a, double b) {
        double from = Math.max(a, -1);
        double to = Math.min(b, 1);
        if (from > to) {
            return 0;
        }
        if (Double.isInfinite(a) && Double.isInfinite(b)) {
            return Double.POSITIVE_INFINITY;
        }
        double mid = Double.isInfinite(a) ? from : Double.isInfinite(b) ? to : Math.min(Math.max((a + b) / 2, from), to);
        // the farthest point from both ends inside [from, to]
        double best = 0;
        for (double z : new double[]{from, to, mid}) {
            double d = Math.min(z - a, b - z);
            best = Math.max(best, d);
        }
        return best;
    }
}
