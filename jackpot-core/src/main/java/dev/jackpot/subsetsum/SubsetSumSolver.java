package dev.jackpot.subsetsum;

/**
 * A subset-sum solver: for a {@link SubsetSumProblem} with candidates x_1..x_n, target z and budget
 * eps, finds S approximately or exactly minimising max(0, |sum_{i in S} x_i - z| - eps |S|).
 *
 * <p>Implementations are stateless, deterministic (the same problem gives the same result) and safe
 * to share between threads. The returned error is always the true error of the returned subset,
 * recomputed in double; {@link SubsetSumResult#gap()} bounds its distance from the optimum.
 */
public interface SubsetSumSolver {

    /**
     * Solves one instance.
     *
     * @param problem the instance
     * @return the subset, its sum and error, and the optimality bound
     * @throws IllegalArgumentException naming the value when the instance exceeds the solver's limits
     *                                  (n, or the memory its tables would need)
     */
    SubsetSumResult solve(SubsetSumProblem problem);

    /** @return the name reported in {@link SubsetSumResult#solver()} */
    String name();
}
