package dev.jackpot.linalg;

/**
 * Small dense linear systems: Gaussian elimination with partial pivoting, and linear least squares
 * through the normal equations (meant for a handful of well-conditioned columns, e.g. K unit
 * vectors; it squares the condition number, so it is not a general-purpose least-squares solver).
 */
public final class LinearSolver {

    private LinearSolver() {
    }

    /**
     * Solves A x = b by Gaussian elimination with partial (row) pivoting.
     *
     * @param a an n x n matrix (not modified)
     * @param b a right-hand side of length n (not modified)
     * @return x
     * @throws IllegalArgumentException if the shapes disagree or an entry is not finite
     * @throws ArithmeticException      if A is singular to working precision (a pivot below
     *                                  n * eps * max|A|)
     */
    public static double[] solve(double[][] a, double[] b) {
        int n = a.length;
        if (n == 0 || b.length != n) {
            throw new IllegalArgumentException("need a non-empty n x n system, got " + n + " rows and b of length " + b.length);
        }
        double[][] m = new double[n][];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix must be square, got a row of " + a[i].length + " in " + n);
            }
            m[i] = a[i].clone();
            for (double v : m[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("matrix has a non-finite entry " + v);
                }
                scale = Math.max(scale, Math.abs(v));
            }
            if (!Double.isFinite(b[i])) {
                throw new IllegalArgumentException("right-hand side has a non-finite entry " + b[i]);
            }
        }
        double[] x = b.clone();
        double tiny = n * Math.ulp(1.0) * scale;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int i = col + 1; i < n; i++) {
                if (Math.abs(m[i][col]) > Math.abs(m[pivot][col])) {
                    pivot = i;
                }
            }
            if (!(Math.abs(m[pivot][col]) > tiny)) {
                throw new ArithmeticException("matrix is singular to working precision (pivot "
                        + m[pivot][col] + " in column " + col + ")");
            }
            if (pivot != col) {
                double[] t = m[pivot];
                m[pivot] = m[col];
                m[col] = t;
                double s = x[pivot];
                x[pivot] = x[col];
                x[col] = s;
            }
            double[] pr = m[col];
            for (int i = col + 1; i < n; i++) {
                double[] r = m[i];
                double f = r[col] / pr[col];
                if (f != 0.0) {
                    for (int j = col; j < n; j++) {
                        r[j] -= f * pr[j];
                    }
                    x[i] -= f * x[col];
                }
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int j = i + 1; j < n; j++) {
                s -= m[i][j] * x[j];
            }
            x[i] = s / m[i][i];
        }
        return x;
    }

    /**
     * Linear least squares: z minimising ||b - sum_k z_k c_k||_2 over the given columns c_k, by the
     * normal equations (G + ridge I) z = C^T b with G_jk = c_j . c_k.
     *
     * @param columns the K column vectors c_k, each of length m (not modified)
     * @param b       the target, length m
     * @param ridge   a non-negative Tikhonov term added to the diagonal of G (0 for plain least squares)
     * @return z, length K
     * @throws ArithmeticException if the (regularised) Gram matrix is singular
     */
    public static double[] leastSquares(double[][] columns, double[] b, double ridge) {
        int k = columns.length;
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("ridge must be a finite non-negative number, got " + ridge);
        }
        double[][] g = new double[k][k];
        double[] h = new double[k];
        for (int i = 0; i < k; i++) {
            if (columns[i].length != b.length) {
                throw new IllegalArgumentException("column " + i + " has length " + columns[i].length
                        + " but b has length " + b.length);
            }
            h[i] = dot(columns[i], b);
            for (int j = 0; j <= i; j++) {
                g[i][j] = dot(columns[i], columns[j]);
                g[j][i] = g[i][j];
            }
            g[i][i] += ridge;
        }
        return solve(g, h);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
