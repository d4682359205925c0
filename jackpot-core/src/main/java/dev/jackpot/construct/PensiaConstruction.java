package dev.jackpot.construct;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.subsetsum.MeetInTheMiddleSolver;
import dev.jackpot.subsetsum.SubsetSumProblem;
import dev.jackpot.subsetsum.SubsetSumResult;
import dev.jackpot.subsetsum.SubsetSumSolver;
import dev.jackpot.subsetsum.SubsetSumStrategy;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The theory construction of Pensia, Nagaraj, Rajput and Papailiopoulos, "Optimal Lottery Tickets via
 * SubsetSum: Logarithmic Over-Parameterization is Sufficient" (NeurIPS 2020): a random network of
 * depth 2l, pruned by solving one pair of subset-sum problems per target weight.
 *
 * <p>Each target layer W (d_out x d_in) becomes two random layers. Every input coordinate j feeds
 * 2n hidden units of its own (block-diagonal first matrix): group 1 with first-layer weights
 * a_i ~ U(0, 1) (a_i &gt; 0), group 2 with c_i ~ U[-1, 0) (c_i &lt; 0). Every hidden unit feeds every
 * output k through second-layer weights b_{k,i}, d_{k,i} ~ U[-1, 1). Since relu(a x) = a relu(x) for
 * a &gt; 0,
 * <pre>
 *   sum_{i in S1} b_{k,i} relu(a_i x_j) = (sum_{S1} b_{k,i} a_i) relu(x_j)   ~  w_{kj} relu(x_j)
 *   sum_{i in S2} d_{k,i} relu(c_i x_j) = (sum_{S2} d_{k,i} |c_i|) relu(-x_j) ~ -w_{kj} relu(-x_j)
 * </pre>
 * and the two add up to about w_{kj} x_j. S1 and S2 are chosen for each (k, j) independently, by
 * subset sum over the products b_{k,i} a_i (target w_{kj}) and d_{k,i} |c_i| (target -w_{kj}); a
 * hidden unit's first-layer weight is kept when some output uses it. Lueker's theorem gives per-weight
 * error eps w.h.p. with n = O(log(1/eps)) (Pensia et al.: width O(d log(d l / min(eps, delta)))).
 *
 * <p>Randomness: unit i of group g of input j in target layer L draws a, then the d_out second-layer
 * weights, from {@code Seeds.stream(seed, "pensia", L, j, g, i)}, so the first n units are the same
 * for every n (a larger n only adds candidates and never raises the optimal error).
 */
public final class PensiaConstruction {

    private PensiaConstruction() {
    }

    /**
     * The default candidate count per group for a per-weight error eps: ceil(2 log2(1/eps)) + 4
     * (design note strong-lth.md section 5.2: products need about 1.6-2.3 log2(1/eps) + 2 for 99 %
     * success per instance; the margin covers many weights at once), at least 4.
     *
     * @param eps the per-weight error, in (0, 1)
     * @return n
     * @throws IllegalArgumentException naming the value when eps is not in (0, 1)
     */
    public static int defaultN(double eps) {
        if (!(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException("eps must be in (0, 1), got " + eps);
        }
        return Math.max(4, (int) Math.ceil(2 * Math.log(1 / eps) / Math.log(2)) + 4);
    }

    /**
     * Builds and prunes the random network with the exact solver for n &lt;= 40 and the grid beyond
     * ({@link SubsetSumStrategy#AUTO}).
     *
     * @param target the target network
     * @param n      the candidates per group (2n hidden units per input coordinate), positive
     * @param seed   the root seed of the random network
     * @return the construction
     * @throws IllegalArgumentException naming the value when n is not positive or too large for the solver
     */
    public static Construction build(ReluMlp target, int n, long seed) {
        return build(target, n, SubsetSumStrategy.AUTO, seed);
    }

    /**
     * Builds and prunes the random network.
     *
     * @param target   the target network
     * @param n        the candidates per group, positive
     * @param strategy the subset-sum solver
     * @param seed     the root seed of the random network
     * @return the construction
     * @throws IllegalArgumentException naming the value when n is not positive or too large for the solver
     */
    public static Construction build(ReluMlp target, int n, SubsetSumStrategy strategy, long seed) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(strategy, "strategy");
        if (n <= 0) {
            throw new IllegalArgumentException("n, the candidates per group, must be positive, got " + n);
        }
        if (strategy == SubsetSumStrategy.EXACT && n > MeetInTheMiddleSolver.MAX_N) {
            throw new IllegalArgumentException("n must be at most " + MeetInTheMiddleSolver.MAX_N
                    + " for the exact solver, got " + n);
        }
        SubsetSumSolver solver = strategy.solverFor(n, OptionalDouble.empty());
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
            int h = 2 * n * dIn;
            double[][] first = new double[h][dIn];
            double[][] second = new double[dOut][h];
            for (int j = 0; j < dIn; j++) {
                for (int g = 0; g < 2; g++) {
                    for (int i = 0; i < n; i++) {
                        int u = unit(n, j, g, i);
                        Rng rng = Seeds.stream(seed, "pensia", layer, j, g, i);
                        double a = rng.uniform(0, 1);
                        first[u][j] = g == 0 ? a : -a;
                        for (int k = 0; k < dOut; k++) {
                            second[k][u] = rng.uniform(-1, 1);
                        }
                    }
                }
            }
            randomParameters += (long) h + (long) dOut * h;
            double[][] firstKept = new double[h][dIn];
            double[][] secondKept = new double[dOut][h];
            errors[layer] = new double[dOut][dIn];
            candidates[layer] = new long[dOut][dIn];
            double[] products = new double[n];
            for (int k = 0; k < dOut; k++) {
                for (int j = 0; j < dIn; j++) {
                    double err = 0;
                    for (int g = 0; g < 2; g++) {
                        for (int i = 0; i < n; i++) {
                            int u = unit(n, j, g, i);
                            products[i] = second[k][u] * Math.abs(first[u][j]);
                        }
                        double z = g == 0 ? w[k][j] : -w[k][j];
                        SubsetSumResult r = solver.solve(SubsetSumProblem.of(products, z));
                        err = Math.max(err, r.error());
                        for (int i : r.subset()) {
                            int u = unit(n, j, g, i);
                            secondKept[k][u] = second[k][u];
                            firstKept[u][j] = first[u][j];
                        }
                    }
                    errors[layer][k][j] = err;
                    candidates[layer][k][j] = 2L * n;
                }
            }
            random[2 * layer] = first;
            random[2 * layer + 1] = second;
            pruned[2 * layer] = firstKept;
            pruned[2 * layer + 1] = secondKept;
        }
        ReluMlp prunedNet = new ReluMlp(pruned);
        return new Construction("pensia", target, new ReluMlp(random), prunedNet, errors, candidates,
                randomParameters, prunedNet.nonZeroCount());
    }

    private static int unit(int n, int j, int g, int i) {
        return (2 * j + g) * n + i;
    }
}
