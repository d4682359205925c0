/**
 * Subset sum as the strong lottery ticket constructions use it: given candidates x_1..x_n (doubles,
 * possibly negative) and a target z, find S minimising |z - sum_{i in S} x_i|.
 *
 * <p>Lueker (Random Structures &amp; Algorithms 12(1), 1998) shows that n = O(log 1/eta) random
 * candidates approximate every z in an interval within eta; Pensia et al. (NeurIPS 2020) prune a
 * random network into any target by solving one such problem per target weight. Xiong, Liao and
 * Kyrillidis (AISTATS 2023) let each chosen candidate move by at most eps (the PSSP), which reduces
 * to the objective max(0, |sum_S x_i - z| - eps |S|) over subsets.
 *
 * <p>{@link dev.jackpot.subsetsum.SubsetSumProblem} holds one validated instance and computes the
 * objective of any subset; a {@link dev.jackpot.subsetsum.SubsetSumSolver} returns a
 * {@link dev.jackpot.subsetsum.SubsetSumResult}: the subset, its error recomputed from the subset in
 * double, and a bound on how far from the optimum it can be. Solvers:
 * {@link dev.jackpot.subsetsum.MeetInTheMiddleSolver} (Horowitz and Sahni 1974, exact, n &lt;= 44)
 * and {@link dev.jackpot.subsetsum.GridSolver} (a pseudo-polynomial bitset programme on a grid of
 * step delta, n of 60 and beyond, within a stated bound of the optimum); both handle eps &gt; 0.
 * {@link dev.jackpot.subsetsum.SchroeppelShamirSolver} (Schroeppel and Shamir 1981) is exact for
 * eps = 0 to n = 64 in O(2^{n/4}) memory, at the cost of O(n 2^{n/2}) heap steps.
 * {@link dev.jackpot.subsetsum.SubsetSumStrategy} picks one by name, {@code AUTO} by n, {@code EXACT}
 * meet in the middle to n = 44 and Schroeppel-Shamir beyond.
 * {@link dev.jackpot.subsetsum.SortedSubsetSums} enumerates all 2^n sums in ascending order by merging
 * (n &lt;= 26) and answers nearest-sum queries by binary search: the half-lists of meet in the middle,
 * and one table per shared candidate vector in the direct Pensia construction.
 *
 * <p>Nothing here draws random numbers or prints; solvers are stateless and deterministic.
 */
package dev.jackpot.subsetsum;
