package dev.jackpot.subsetsum;

import java.util.OptionalDouble;

/**
 * Which solver answers a {@link SubsetSumProblem}: the exact {@link MeetInTheMiddleSolver}, the
 * {@link GridSolver}, or {@link #AUTO}, exact up to {@link #AUTO_EXACT_MAX_N} candidates and the
 * grid beyond (design note strong-lth.md section 5.1: meet in the middle takes under 0.1 s to
 * n = 36 and grows as 2^{n/2}; the grid takes milliseconds at n = 60).
 */
public enum SubsetSumStrategy {
    /** Exact for n &lt;= {@link #AUTO_EXACT_MAX_N}, the grid beyond. */
    AUTO,
    /** Meet in the middle: proven optimal, n &lt;= {@link MeetInTheMiddleSolver#MAX_N}. */
    EXACT,
    /** The grid dynamic programme: within its reported gap of the optimum, any n its tables fit. */
    GRID;

    /** The largest n that {@link #AUTO} solves exactly. */
    public static final int AUTO_EXACT_MAX_N = 40;

    /**
     * The solver this strategy uses for an instance of {@code n} candidates.
     *
     * @param n        the number of candidates, non-negative
     * @param gridStep the grid step when the grid is used (empty: {@link GridSolver}'s default)
     * @return the solver
     * @throws IllegalArgumentException naming the value when {@code n} is negative, the step is not
     *                                  finite and positive, or a step is given to {@link #EXACT}
     */
    public SubsetSumSolver solverFor(int n, OptionalDouble gridStep) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, got " + n);
        }
        if (this == EXACT && gridStep.isPresent()) {
            throw new IllegalArgumentException("a grid step applies only to the grid solver, got "
                    + gridStep.getAsDouble() + " with the exact solver");
        }
        boolean exact = this == EXACT || (this == AUTO && n <= AUTO_EXACT_MAX_N);
        if (exact) {
            return MeetInTheMiddleSolver.create();
        }
        return gridStep.isPresent() ? GridSolver.withStep(gridStep.getAsDouble()) : GridSolver.withDefaultStep();
    }

    /**
     * Solves an instance with this strategy.
     *
     * @param problem  the instance
     * @param gridStep the grid step when the grid is used (empty: the default)
     * @return the result
     * @throws IllegalArgumentException as {@link #solverFor} and the chosen solver's limits
     */
    public SubsetSumResult solve(SubsetSumProblem problem, OptionalDouble gridStep) {
        return solverFor(problem.size(), gridStep).solve(problem);
    }
}
