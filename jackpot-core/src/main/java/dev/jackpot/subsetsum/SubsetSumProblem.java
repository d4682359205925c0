package dev.jackpot.subsetsum;

import dev.jackpot.check.Checks;

import java.util.Arrays;
import java.util.Objects;

/**
 * One subset-sum instance: candidates x_1..x_n, a target z and a perturbation budget eps.
 *
 * <p>The objective of a subset S (indices into {@code values}) is
 * <pre>
 *   error(S) = max(0, |sum_{i in S} x_i - z| - eps |S|)
 * </pre>
 * which for eps = 0 is the plain subset-sum residual |sum_S x_i - z|. For eps &gt; 0 it is the
 * perturbed subset-sum problem (PSSP) of Xiong, Liao and Kyrillidis (AISTATS 2023),
 * min over S and y in [-eps, eps]^S of |sum_{i in S} (x_i + y_i) - z|: for a fixed S the perturbed
 * sums fill the interval [sum_S x - eps |S|, sum_S x + eps |S|], so the inner minimum is the distance
 * from z to that interval; {@link #perturbationOf} returns a y that attains it. The empty subset has
 * error |z|.
 *
 * <p>Sums are taken in double, in increasing index order; never compare a sum to the target with ==.
 *
 * @param values the candidates x_i, each finite, with a finite absolute sum (copied; the accessor
 *               returns a copy)
 * @param target the target z, finite
 * @param eps    how far each chosen candidate may move, finite and non-negative; 0 for plain subset sum
 */
public record SubsetSumProblem(double[] values, double target, double eps) {

    /**
     * Validates and copies the instance.
     *
     * @throws NullPointerException     if {@code values} is null
     * @throws IllegalArgumentException naming the value when a candidate, the target or eps is NaN or
     *                                  infinite, eps is negative, or the candidates' absolute sum overflows
     */
    public SubsetSumProblem {
        Objects.requireNonNull(values, "values");
        values = values.clone();
        double absSum = 0;
        for (int i = 0; i < values.length; i++) {
            Checks.finite("values[" + i + "]", values[i]);
            absSum += Math.abs(values[i]);
        }
        if (!Double.isFinite(absSum)) {
            throw new IllegalArgumentException("the sum of the values' absolute values must be finite, got " + absSum
                    + " for n = " + values.length + " values");
        }
        Checks.finite("target", target);
        Checks.nonNegative("eps", eps);
    }

    /**
     * A plain (unperturbed) instance.
     *
     * @param values the candidates
     * @param target the target
     * @return the instance with eps = 0
     * @throws IllegalArgumentException as the constructor
     */
    public static SubsetSumProblem of(double[] values, double target) {
        return new SubsetSumProblem(values, target, 0);
    }

    /** @return a copy of the candidates */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** @return the number of candidates n */
    public int size() {
        return values.length;
    }

    /**
     * @param i an index in [0, n)
     * @return candidate x_i
     */
    public double value(int i) {
        return values[i];
    }

    /**
     * The sum of the chosen candidates, added in increasing index order.
     *
     * @param subset strictly increasing indices in [0, n)
     * @return sum_{i in S} x_i (0 for the empty subset)
     * @throws IllegalArgumentException if the subset is not strictly increasing or out of range
     */
    public double sumOf(int[] subset) {
        SubsetChecks.subset(subset, values.length);
        double s = 0;
        for (int i : subset) {
            s += values[i];
        }
        return s;
    }

    /**
     * The objective max(0, |sum_S x_i - z| - eps |S|).
     *
     * @param subset strictly increasing indices in [0, n)
     * @return the error of the subset, recomputed from it in double
     * @throws IllegalArgumentException if the subset is not strictly increasing or out of range
     */
    public double errorOf(int[] subset) {
        return error(sumOf(subset), subset.length);
    }

    /**
     * The objective of a subset with the given sum and size.
     *
     * @param sum  sum_S x_i
     * @param size |S|
     * @return max(0, |sum - z| - eps size)
     */
    double error(double sum, int size) {
        double d = Math.abs(sum - target);
        return eps == 0 ? d : Math.max(0, d - eps * size);
    }

    /**
     * A perturbation that attains {@link #errorOf}: y_i = clip((z - sum_S x) / |S|, -eps, eps) for every
     * i in S, so every |y_i| &lt;= eps and |sum_{i in S} (x_i + y_i) - z| = max(0, |sum_S x - z| - eps |S|)
     * up to rounding.
     *
     * @param subset strictly increasing indices in [0, n)
     * @return y, aligned with {@code subset} (y[k] moves candidate subset[k]); empty for the empty subset
     * @throws IllegalArgumentException if the subset is not strictly increasing or out of range
     */
    public double[] perturbationOf(int[] subset) {
        double s = sumOf(subset);
        double[] y = new double[subset.length];
        if (subset.length > 0) {
            double each = Math.max(-eps, Math.min(eps, (target - s) / subset.length));
            Arrays.fill(y, each);
        }
        return y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubsetSumProblem p && Arrays.equals(values, p.values)
                && Double.compare(target, p.target) == 0 && Double.compare(eps, p.eps) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(values), target, eps);
    }

    @Override
    public String toString() {
        return "SubsetSumProblem[n=" + values.length + ", values=" + Arrays.toString(values) + ", target=" + target
                + ", eps=" + eps + "]";
    }
}
