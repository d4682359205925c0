package dev.jackpot.subsetsum;

import dev.jackpot.check.Checks;

import java.util.Arrays;
import java.util.Objects;

/**
 * The answer of a {@link SubsetSumSolver} to a {@link SubsetSumProblem}.
 *
 * <p>{@code sum} and {@code error} are recomputed from {@code subset} in double (increasing index
 * order) by {@link SubsetSumProblem#sumOf} and {@link SubsetSumProblem#errorOf}, whatever arithmetic
 * the solver used internally: error = max(0, |sum - z| - eps |S|). {@code gap} bounds how far the
 * error can be above the optimum: OPT &gt;= error - gap. An exact solver returns gap = 0 and
 * optimal = true (optimal up to rounding in the last bits of the sums); the grid solver returns the
 * a-posteriori bound of its quantisation (see {@link GridSolver}), and is optimal when that bound is 0.
 *
 * @param subset  the chosen indices, strictly increasing (copied; the accessor returns a copy)
 * @param sum     sum_{i in S} x_i
 * @param error   the objective of the subset, finite and non-negative
 * @param gap     an upper bound on error - OPT, finite and non-negative
 * @param optimal whether the subset is proven optimal; implies gap = 0
 * @param solver  the solver's name, e.g. {@code "exact"} or {@code "grid"}
 */
public record SubsetSumResult(int[] subset, double sum, double error, double gap, boolean optimal, String solver) {

    /**
     * Validates and copies the result.
     *
     * @throws NullPointerException     if {@code subset} or {@code solver} is null
     * @throws IllegalArgumentException naming the value when the subset is not strictly increasing, a
     *                                  figure is not finite or is negative, or optimal comes with gap &gt; 0
     */
    public SubsetSumResult {
        Objects.requireNonNull(subset, "subset");
        Objects.requireNonNull(solver, "solver");
        subset = subset.clone();
        SubsetChecks.subset(subset, -1);
        Checks.finite("sum", sum);
        Checks.nonNegative("error", error);
        Checks.nonNegative("gap", gap);
        if (optimal && gap != 0) {
            throw new IllegalArgumentException("an optimal result must have gap 0, got " + gap);
        }
        if (solver.isBlank()) {
            throw new IllegalArgumentException("solver must name the solver, got '" + solver + "'");
        }
    }

    /**
     * Builds the result for {@code subset}, recomputing its sum and error from the problem.
     *
     * @param problem the instance solved
     * @param subset  the chosen indices, strictly increasing
     * @param gap     the solver's bound on error - OPT (ignored when optimal)
     * @param optimal whether the solver proves optimality
     * @param solver  the solver's name
     * @return the result
     */
    static SubsetSumResult of(SubsetSumProblem problem, int[] subset, double gap, boolean optimal, String solver) {
        double sum = problem.sumOf(subset);
        double error = problem.error(sum, subset.length);
        return new SubsetSumResult(subset, sum, error, optimal ? 0 : gap, optimal, solver);
    }

    /** @return a copy of the chosen indices, strictly increasing */
    @Override
    public int[] subset() {
        return subset.clone();
    }

    /** @return |S|, the number of chosen candidates */
    public int size() {
        return subset.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubsetSumResult r && Arrays.equals(subset, r.subset) && Double.compare(sum, r.sum) == 0
                && Double.compare(error, r.error) == 0 && Double.compare(gap, r.gap) == 0 && optimal == r.optimal
                && solver.equals(r.solver);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(subset), sum, error, gap, optimal, solver);
    }

    @Override
    public String toString() {
        return "SubsetSumResult[subset=" + Arrays.toString(subset) + ", sum=" + sum + ", error=" + error + ", gap=" + gap
                + ", optimal=" + optimal + ", solver=" + solver + "]";
    }
}
