package dev.jackpot.construct;

import java.util.Arrays;
import java.util.Objects;

/**
 * A strong lottery ticket built by a construction: a random network of depth 2l, the mask that
 * prunes it, and how well the pruned network approximates the target of depth l.
 *
 * <p>Target layer i (d_i x d_{i-1}) becomes random layers 2i-1 (h_i x d_{i-1}, each hidden unit fed
 * by one input coordinate) and 2i (d_i x h_i). For each target weight w = W_i[k][j] the kept units of
 * input j realise, through ReLU,
 * <pre>
 *   s1 relu(x_j) + s2 relu(-x_j),   s1 ~ w, s2 ~ -w
 * </pre>
 * and the per-weight error is max(|s1 - w|, |s2 + w|). A layer whose weights all have error at most
 * e therefore maps x to within e ||x||_1 of W x in every coordinate (see
 * {@link Constructions#supErrorBound}).
 *
 * @param method          the construction's name, {@code "pensia"} or {@code "malach"}
 * @param target          the target network, depth l
 * @param random          the random network before pruning, depth 2l (structural zeros where a hidden
 *                        unit is not fed by an input)
 * @param pruned          the pruned network: every entry either exactly 0 or bit-identical to the
 *                        random network's entry
 * @param weightErrors    per target layer, row and column, the per-weight error max(|s1 - w|, |s2 + w|)
 *                        (deep-copied)
 * @param candidates      per target weight, the number of random products examined for it
 *                        (Pensia: 2n; Malach: hidden units drawn until both products were within eps)
 *                        (deep-copied)
 * @param randomParameters the random network's parameters that are not structural zeros
 * @param keptParameters  the parameters the mask keeps (non-zero entries of the pruned network)
 */
public record Construction(String method, ReluMlp target, ReluMlp random, ReluMlp pruned, double[][][] weightErrors,
                           long[][][] candidates, long randomParameters, long keptParameters) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException naming the value when the depths or shapes do not match, an
     *                                  error is negative or not finite, or a count is negative
     */
    public Construction {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(pruned, "pruned");
        Objects.requireNonNull(weightErrors, "weightErrors");
        Objects.requireNonNull(candidates, "candidates");
        if (random.depth() != 2 * target.depth()) {
            throw new IllegalArgumentException("the random network must have depth 2l = " + 2 * target.depth()
                    + ", got " + random.depth());
        }
        if (!Arrays.equals(random.widths(), pruned.widths())) {
            throw new IllegalArgumentException("the pruned network must have the random network's widths "
                    + Arrays.toString(random.widths()) + ", got " + Arrays.toString(pruned.widths()));
        }
        weightErrors = ReluMlp.copy(weightErrors);
        long[][][] c = new long[candidates.length][][];
        for (int i = 0; i < c.length; i++) {
            c[i] = new long[candidates[i].length][];
            for (int r = 0; r < c[i].length; r++) {
                c[i][r] = candidates[i][r].clone();
            }
        }
        candidates = c;
        double[][][] t = target.raw();
        if (weightErrors.length != t.length || candidates.length != t.length) {
            throw new IllegalArgumentException("weightErrors and candidates must have one matrix per target layer ("
                    + t.length + "), got " + weightErrors.length + " and " + candidates.length);
        }
        for (int i = 0; i < t.length; i++) {
            if (weightErrors[i].length != t[i].length || candidates[i].length != t[i].length) {
                throw new IllegalArgumentException("layer " + i + " errors and candidates must have " + t[i].length
                        + " rows");
            }
            for (int r = 0; r < t[i].length; r++) {
                if (weightErrors[i][r].length != t[i][r].length || candidates[i][r].length != t[i][r].length) {
                    throw new IllegalArgumentException("layer " + i + " row " + r + " errors and candidates must have "
                            + t[i][r].length + " columns");
                }
                for (int j = 0; j < t[i][r].length; j++) {
                    double e = weightErrors[i][r][j];
                    if (!(e >= 0) || !Double.isFinite(e)) {
                        throw new IllegalArgumentException("weightErrors[" + i + "][" + r + "][" + j
                                + "] must be finite and non-negative, got " + e);
                    }
                    if (candidates[i][r][j] < 0) {
                        throw new IllegalArgumentException("candidates[" + i + "][" + r + "][" + j
                                + "] must be non-negative, got " + candidates[i][r][j]);
                    }
                }
            }
        }
        if (randomParameters < 0 || keptParameters < 0 || keptParameters > randomParameters) {
            throw new IllegalArgumentException("the counts must satisfy 0 <= kept <= random, got kept = "
                    + keptParameters + " and random = " + randomParameters);
        }
    }

    @Override
    public double[][][] weightErrors() {
        return ReluMlp.copy(weightErrors);
    }

    @Override
    public long[][][] candidates() {
        long[][][] c = new long[candidates.length][][];
        for (int i = 0; i < c.length; i++) {
            c[i] = new long[candidates[i].length][];
            for (int r = 0; r < c[i].length; r++) {
                c[i][r] = candidates[i][r].clone();
            }
        }
        return c;
    }

    /** @return the largest per-weight error over all target weights */
    public double maxWeightError() {
        double m = 0;
        for (double[][] layer : weightErrors) {
            for (double[] row : layer) {
                for (double e : row) {
                    m = Math.max(m, e);
                }
            }
        }
        return m;
    }

    /** @return the mean over target weights of the candidates examined */
    public double meanCandidates() {
        double s = 0;
        long n = 0;
        for (long[][] layer : candidates) {
            for (long[] row : layer) {
                for (long c : row) {
                    s += c;
                    n++;
                }
            }
        }
        return s / n;
    }

    /** @return the target's parameter count, sum_i d_i d_{i-1} */
    public long targetParameters() {
        return target.parameterCount();
    }

    /** @return the over-parameterisation factor, random parameters / target parameters */
    public double overParameterisation() {
        return (double) randomParameters / targetParameters();
    }

    /** @return the widths h_1, ..., h_l of the random network's intermediate layers 1, 3, ..., 2l-1 */
    public int[] hiddenWidths() {
        int[] w = random.widths();
        int[] h = new int[target.depth()];
        for (int i = 0; i < h.length; i++) {
            h[i] = w[2 * i + 1];
        }
        return h;
    }

    /**
     * The sup-norm error over a test set, max_x ||f(x) - f_hat(x)||_inf.
     *
     * @param inputs the test inputs, each of length d_0
     * @return the largest coordinate error of the pruned network against the target
     */
    public double supError(double[][] inputs) {
        return Constructions.supError(target, pruned, inputs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Construction c && method.equals(c.method) && target.equals(c.target)
                && random.equals(c.random) && pruned.equals(c.pruned) && Arrays.deepEquals(weightErrors, c.weightErrors)
                && Arrays.deepEquals(candidates, c.candidates) && randomParameters == c.randomParameters
                && keptParameters == c.keptParameters;
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, target, random, pruned, Arrays.deepHashCode(weightErrors),
                Arrays.deepHashCode(candidates), randomParameters, keptParameters);
    }

    @Override
    public String toString() {
        return "Construction[method=" + method + ", target=" + target + ", random=" + random + ", maxWeightError="
                + maxWeightError() + ", randomParameters=" + randomParameters + ", keptParameters=" + keptParameters + "]";
    }
}
