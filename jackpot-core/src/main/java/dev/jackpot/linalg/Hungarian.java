package dev.jackpot.linalg;

import java.util.Arrays;

/**
 * Optimal assignment (Kuhn-Munkres, O(n^3) with potentials): the permutation p minimising
 * sum_i cost[i][p[i]] over a square cost matrix.
 */
public final class Hungarian {

    private Hungarian() {
    }

    /**
     * @param cost an n x n matrix of finite costs (not modified)
     * @return p with p[i] the column assigned to row i
     * @throws IllegalArgumentException if the matrix is not square or has a non-finite entry
     */
    public static int[] solve(double[][] cost) {
        int n = cost.length;
        for (double[] row : cost) {
            if (row.length != n) {
                throw new IllegalArgumentException("cost matrix must be square, got a row of " + row.length + " in " + n);
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("cost matrix has a non-finite entry " + v);
                }
            }
        }
        // 1-based arrays as in the classical formulation; u, v are row and column potentials.
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] match = new int[n + 1];
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            match[0] = i;
            int col = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[col] = true;
                int row = match[col];
                double delta = Double.POSITIVE_INFINITY;
                int nextCol = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = cost[row - 1][j - 1] - u[row] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = col;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            nextCol = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[match[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                col = nextCol;
            } while (match[col] != 0);
            do {
                int prev = way[col];
                match[col] = match[prev];
                col = prev;
            } while (col != 0);
        }
        int[] assignment = new int[n];
        for (int j = 1; j <= n; j++) {
            assignment[match[j] - 1] = j - 1;
        }
        return assignment;
    }
}
