package dev.jackpot.construct;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The weight-pruning construction of Malach, Yehudai, Shalev-Shwartz and Shamir, "Proving the Lottery
 * Ticket Hypothesis: Pruning is All You Need" (ICML 2020), as restated in the design note
 * (strong-lth.md section 4.2): one random product per target weight within eps.
 *
 * <p>It writes w x = w relu(x) - w relu(-x). For target weight w = W[k][j] it keeps one hidden unit of
 * input j with first-layer weight a &gt; 0 and second-layer weight b to output k such that
 * |a b - w| &lt;= eps, and one unit with a' &lt; 0 and |(b' |a'|) + w| &lt;= eps:
 * <pre>
 *   b relu(a x_j) + b' relu(a' x_j) = (a b) relu(x_j) + (b' |a'|) relu(-x_j)  ~  w x_j
 * </pre>
 * A random product a b of two U[-1, 1] lands in an eps-window with probability O(eps), so the number of
 * hidden units is polynomial in 1/eps (against Pensia et al.'s logarithmic width, see
 * {@link PensiaConstruction}).
 *
 * <p>Each input coordinate j of target layer L draws hidden units one at a time from
 * {@code Seeds.stream(seed, "malach", L, j)}: a ~ U[-1, 1), then b_k ~ U[-1, 1) for every output k.
 * Every unit is a candidate pair (a, b_k) for each weight W[k][j]. Drawing stops when every weight of
 * column j has both its products within eps, or after {@code maxUnitsPerInput} units; a weight that
 * never got within eps keeps its closest products and reports their error (no abort). The candidates
 * reported for a weight are the units drawn until both of its products were found.
 */
public final class MalachConstruction {

    /** The default cap on hidden units per input coordinate. */
    public static final int DEFAULT_MAX_UNITS_PER_INPUT = 1_000_000;

    private MalachConstruction() {
    }

    /**
     * Builds and prunes the random network with the default cap.
     *
     * @param target the target network, every weight in [-1, 1]
     * @param eps    the per-weight error, in (0, 1)
     * @param seed   the root seed
     * @return the construction
     * @throws IllegalArgumentException naming the value when eps is not in (0, 1) or a weight is outside [-1, 1]
     */
    public static Construction build(ReluMlp target, double eps, long seed) {
        return build(target, eps, DEFAULT_MAX_UNITS_PER_INPUT, seed);
    }

    /**
     * Builds and prunes the random network.
     *
     * @param target           the target network, every weight in [-1, 1]
     * @param eps              the per-weight error, in (0, 1)
     * @param maxUnitsPerInput the most hidden units drawn per input coordinate, positive
     * @param seed             the root seed
     * @return the construction
     * @throws IllegalArgumentException naming the value when eps is not in (0, 1), the cap is not
     *                                  positive or a weight is outside [-1, 1]
     */
    public static Construction build(ReluMlp target, double eps, int maxUnitsPerInput, long seed) {
        Objects.requireNonNull(target, "target");
        if (!(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException("eps must be in (0, 1), got " + eps);
        }
        if (maxUnitsPerInput <= 0) {
            throw new IllegalArgumentException("the cap on hidden units per input must be positive, got "
                    + maxUnitsPerInput);
        }
        double[][][] t = target.raw();
        int l = t.length;
        double[][][] random = new double[2 * l][][];
        double[][][] pruned = new double[2 * l][][];
        double[][][] errors = new double[l][][];
        long[][][] candidates = new long[l][][];
        long randomParameters = 0;
        for (int layer = 0; layer < l; layer++) {
            double[][] w = t[layer];
            int dOut = w.length;
            int dIn = w[0].length;
            for (int k = 0; k < dOut; k++) {
                for (int j = 0; j < dIn; j++) {
                    if (!(Math.abs(w[k][j]) <= 1)) {
                        throw new IllegalArgumentException("target weight [" + layer + "][" + k + "][" + j
                                + "] must be in [-1, 1] for products of U[-1, 1] weights, got " + w[k][j]);
                    }
                }
            }
            errors[layer] = new double[dOut][dIn];
            candidates[layer] = new long[dOut][dIn];
            List<double[]> units = new ArrayList<>(); // {j, a, b_0, ..., b_{dOut-1}}
            List<int[]> chosen = new ArrayList<>();   // per input j: best unit index per (k, sign)
            for (int j = 0; j < dIn; j++) {
                Rng rng = Seeds.stream(seed, "malach", layer, j);
                int base = units.size();
                double[][] best = new double[dOut][2];
                int[][] bestUnit = new int[dOut][2];
                for (int[] row : bestUnit) {
                    row[0] = -1;
                    row[1] = -1;
                }
                long[][] found = new long[dOut][2];
                for (double[] row : best) {
                    row[0] = Double.POSITIVE_INFINITY;
                    row[1] = Double.POSITIVE_INFINITY;
                }
                int missing = 2 * dOut;
                for (int drawn = 0; drawn < maxUnitsPerInput && missing > 0; drawn++) {
                    double[] unit = new double[2 + dOut];
                    unit[0] = j;
                    double a = rng.uniform(-1, 1);
                    unit[1] = a;
                    for (int k = 0; k < dOut; k++) {
                        unit[2 + k] = rng.uniform(-1, 1);
                    }
                    units.add(unit);
                    if (a == 0) {
                        continue;
                    }
                    int s = a > 0 ? 0 : 1;
                    for (int k = 0; k < dOut; k++) {
                        double z = s == 0 ? w[k][j] : -w[k][j];
                        double err = Math.abs(unit[2 + k] * Math.abs(a) - z);
                        if (found[k][s] == 0 && err < best[k][s]) {
                            best[k][s] = err;
                            bestUnit[k][s] = base + drawn;
                            if (err <= eps) {
                                found[k][s] = drawn + 1L;
                                missing--;
                            }
                        }
                    }
                }
                int drawnTotal = units.size() - base;
                for (int k = 0; k < dOut; k++) {
                    // A sign with no unit drawn contributes nothing: its coefficient error is |w|.
                    double e0 = bestUnit[k][0] < 0 ? Math.abs(w[k][j]) : best[k][0];
                    double e1 = bestUnit[k][1] < 0 ? Math.abs(w[k][j]) : best[k][1];
                    errors[layer][k][j] = Math.max(e0, e1);
                    long c0 = found[k][0] == 0 ? drawnTotal : found[k][0];
                    long c1 = found[k][1] == 0 ? drawnTotal : found[k][1];
                    candidates[layer][k][j] = Math.max(c0, c1);
                    chosen.add(new int[]{k, bestUnit[k][0], bestUnit[k][1]});
                }
            }
            int h = units.size();
            double[][] first = new double[h][dIn];
            double[][] second = new double[dOut][h];
            for (int u = 0; u < h; u++) {
                double[] unit = units.get(u);
                first[u][(int) unit[0]] = unit[1];
                for (int k = 0; k < dOut; k++) {
                    second[k][u] = unit[2 + k];
                }
            }
            double[][] firstKept = new double[h][dIn];
            double[][] secondKept = new double[dOut][h];
            for (int[] c : chosen) {
                int k = c[0];
                for (int s = 1; s <= 2; s++) {
                    int u = c[s];
                    if (u >= 0) {
                        int j = (int) units.get(u)[0];
                        firstKept[u][j] = first[u][j];
                        secondKept[k][u] = second[k][u];
                    }
                }
            }
            randomParameters += (long) h + (long) dOut * h;
            random[2 * layer] = first;
            random[2 * layer + 1] = second;
            pruned[2 * layer] = firstKept;
            pruned[2 * layer + 1] = secondKept;
        }
        ReluMlp prunedNet = new ReluMlp(pruned);
        return new Construction("malach", target, new ReluMlp(random), prunedNet, errors, candidates,
                randomParameters, prunedNet.nonZeroCount());
    }
}
