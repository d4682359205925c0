package dev.jackpot.subsetsum;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Which solver answers a {@link SubsetSumProblem}: exact ({@link MeetInTheMiddleSolver}, or
 * {@link SchroeppelShamirSolver} beyond its memory ceiling), the {@link GridSolver}, or {@link #AUTO},
 * exact up to {@link #AUTO_EXACT_MAX_N} candidates and the grid beyond (design note strong-lth.md
 * section 5.1: meet in the middle takes under 0.1 s to n = 36 and grows as 2^{n/2}; the grid takes
 * milliseconds at n = 60).
 */
public enum SubsetSumStrategy {
    /** Exact for n &lt;= {@link #AUTO_EXACT_MAX_N}, the grid beyond. */
    AUTO,
    /**
     * Proven optimal: meet in the middle for n &lt;= {@link MeetInTheMiddleSolver#MAX_N} (fastest, any
     * eps), Schroeppel-Shamir beyond, to n = {@link SchroeppelShamirSolver#MAX_N} (O(2^{n/4}) memory,
     * eps = 0 only, seconds at n = 48 and minutes from n = 56).
     */
    EXACT,
    /** The grid dynamic programme: within its reported gap of the optimum, any n its tables fit. */
    GRID,
    /** Schroeppel-Shamir at every n: proven optimal, eps = 0, n &lt;= {@link SchroeppelShamirSolver#MAX_N}. */
    SCHROEPPEL_SHAMIR;

    /** The largest n that {@link #AUTO} solves exactly. */
    public static final int AUTO_EXACT_MAX_N = 40;

    /**
     * The solver this strategy uses for an instance of {@code n} candidates.
     *
     * @param n        the number of candidates, non-negative
     * @param gridStep the grid step when the grid is used (empty: {@link GridSolver}'s default)
     * @return the solver
     * @throws IllegalArgumentException naming the value when {@code n} is negative, the step is not
     *                                  finite and positive, or a step is given to an exact strategy
     */
    public SubsetSumSolver solverFor(int n, OptionalDouble gridStep) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, got " + n);
        }
        if ((this == EXACT || this == SCHROEPPEL_SHAMIR) && gridStep.isPresent()) {
            throw new IllegalArgumentException("a grid step applies only to the grid solver, got "
                    + gridStep.getAsDouble() + " with the " + cliName() + " solver");
        }
        if (this == SCHROEPPEL_SHAMIR || (this == EXACT && n > MeetInTheMiddleSolver.MAX_N)) {
            return SchroeppelShamirSolver.create();
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

    /** @return the strategy's name on the command line: lower case, words joined by '-' */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The strategy of a command-line name, case-insensitive, words joined by '-' or '_'.
     *
     * @param name e.g. {@code "exact"} or {@code "schroeppel-shamir"}
     * @return the strategy
     * @throws IllegalArgumentException naming the value and the accepted names when none matches
     */
    public static SubsetSumStrategy parse(String name) {
        for (SubsetSumStrategy s : values()) {
            if (s.cliName().equalsIgnoreCase(name.replace('_', '-'))) {
                return s;
            }
        }
        throw new IllegalArgumentException("the subset-sum solver must be one of "
                + Arrays.stream(values()).map(SubsetSumStrategy::cliName).collect(Collectors.joining(", "))
                + ", got '" + name + "'");
    }
}
