package dev.jackpot.linalg;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinearSolverTest {

    @Test
    void solvesAKnownSystem() {
        double[][] a = {{2, 1, -1}, {-3, -1, 2}, {-2, 1, 2}};
        double[] b = {8, -11, -3};
        assertArrayEquals(new double[]{2, 3, -1}, LinearSolver.solve(a, b), 1e-13);
        // inputs untouched
        assertArrayEquals(new double[]{8, -11, -3}, b);
        assertArrayEquals(new double[]{2, 1, -1}, a[0]);
    }

    @Test
    void pivotsAroundAZeroDiagonal() {
        double[][] a = {{0, 1}, {1, 0}};
        assertArrayEquals(new double[]{5, 4}, LinearSolver.solve(a, new double[]{4, 5}), 0);
        double[][] tiny = {{1e-20, 1}, {1, 1}};
        // Without pivoting this loses x_1 entirely; with pivoting x = (1, 1) to working precision.
        assertArrayEquals(new double[]{1, 1}, LinearSolver.solve(tiny, new double[]{1, 2}), 1e-15);
    }

    @Test
    void rejectsSingularSystems() {
        assertThrows(ArithmeticException.class, () -> LinearSolver.solve(new double[][]{{1, 2}, {2, 4}}, new double[]{1, 2}));
        assertThrows(IllegalArgumentException.class, () -> LinearSolver.solve(new double[][]{{1, 2}, {2, 4}}, new double[]{1}));
    }

    @Test
    void leastSquaresFitsALine() {
        // Fit y = c0 + c1 t to points on y = 1 + 2 t plus residuals orthogonal to both columns.
        double[] t = {0, 1, 2, 3};
        double[] r = {1, -1, -1, 1}; // orthogonal to (1,1,1,1) and (0,1,2,3)
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) {
            y[i] = 1 + 2 * t[i] + 0.3 * r[i];
        }
        double[][] columns = {{1, 1, 1, 1}, t};
        assertArrayEquals(new double[]{1, 2}, LinearSolver.leastSquares(columns, y, 0.0), 1e-13);
    }
}
