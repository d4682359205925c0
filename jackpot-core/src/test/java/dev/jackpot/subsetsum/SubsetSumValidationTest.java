package dev.jackpot.subsetsum;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every invalid input is rejected with a message naming the parameter and the value. */
class SubsetSumValidationTest {

    private static void rejects(String parameter, String value, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(parameter), "message should name " + parameter + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(value), "message should name the value " + value + ": " + e.getMessage());
    }

    @Test
    void problems() {
        rejects("values[1]", "NaN", () -> SubsetSumProblem.of(new double[]{0.5, Double.NaN}, 0));
        rejects("values[0]", "Infinity", () -> SubsetSumProblem.of(new double[]{Double.NEGATIVE_INFINITY}, 0));
        rejects("target", "Infinity", () -> SubsetSumProblem.of(new double[]{0.5}, Double.POSITIVE_INFINITY));
        rejects("target", "NaN", () -> SubsetSumProblem.of(new double[]{0.5}, Double.NaN));
        rejects("eps", "-0.1", () -> new SubsetSumProblem(new double[]{0.5}, 0, -0.1));
        rejects("eps", "NaN", () -> new SubsetSumProblem(new double[]{0.5}, 0, Double.NaN));
        rejects("absolute", "Infinity", () -> SubsetSumProblem.of(new double[]{1e308, -1e308}, 0));
        assertThrows(NullPointerException.class, () -> SubsetSumProblem.of(null, 0));
    }

    @Test
    void subsets() {
        SubsetSumProblem p = SubsetSumProblem.of(new double[]{0.5, 0.25, 0.125}, 0);
        rejects("subset[1]", "3", () -> p.errorOf(new int[]{0, 3}));
        rejects("subset[0]", "-1", () -> p.sumOf(new int[]{-1}));
        rejects("increasing", "2 then 2", () -> p.perturbationOf(new int[]{2, 2}));
        rejects("increasing", "2 then 1", () -> new SubsetSumResult(new int[]{2, 1}, 0, 0, 0, true, "exact"));
        rejects("gap", "0.5", () -> new SubsetSumResult(new int[]{1}, 0, 0, 0.5, true, "exact"));
        rejects("error", "-1.0", () -> new SubsetSumResult(new int[]{1}, 0, -1, 0, false, "exact"));
        rejects("sum", "NaN", () -> new SubsetSumResult(new int[]{1}, Double.NaN, 0, 0, false, "exact"));
        rejects("solver", "' '", () -> new SubsetSumResult(new int[]{1}, 0, 0, 0, false, " "));
    }

    @Test
    void solverLimits() {
        rejects("n = 44", "n = 45", () -> MeetInTheMiddleSolver.create().solve(BruteForce.instance(45, 1, 0, 45)));
        // Beyond meet in the middle, the exact strategy goes on with Schroeppel-Shamir (eps = 0, n <= 64).
        rejects("n = 64", "n = 65", () -> SubsetSumStrategy.EXACT.solve(SubsetSumProblem.of(new double[65], 0), OptionalDouble.empty()));
        rejects("eps = 0.01", "grid", () -> SubsetSumStrategy.EXACT.solve(BruteForce.instance(45, 1, 0.01, 45), OptionalDouble.empty()));
        rejects("grid step", "schroeppel-shamir", () -> SubsetSumStrategy.SCHROEPPEL_SHAMIR.solverFor(10, OptionalDouble.of(1e-3)));
        rejects("auto, exact, grid, schroeppel-shamir", "'fastest'", () -> SubsetSumStrategy.parse("fastest"));
        rejects("grid step", "0.0", () -> GridSolver.withStep(0));
        rejects("grid step", "-0.001", () -> GridSolver.withStep(-1e-3));
        rejects("grid step", "NaN", () -> GridSolver.withStep(Double.NaN));
        rejects("grid step", "1.0E-12", () -> GridSolver.withStep(1e-12).solve(BruteForce.instance(10, 1, 0, 10)));
        rejects("grid step", "1.0E-7", () -> GridSolver.withStep(1e-7).solve(BruteForce.instance(60, 1, 0.01, 60)));
        rejects("grid step", "0.001", () -> SubsetSumStrategy.EXACT.solverFor(10, OptionalDouble.of(1e-3)));
        rejects("n", "-1", () -> SubsetSumStrategy.AUTO.solverFor(-1, OptionalDouble.empty()));
    }
}
