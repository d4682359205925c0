package dev.jackpot.linalg;

/**
 * Eigendecomposition A = V diag(L) V^T of a real symmetric n x n matrix, with orthonormal V and
 * the eigenvalues L sorted in descending (algebraic) order.
 *
 * <p>Algorithm: Householder reduction to tridiagonal form followed by the implicit QL method with
 * Wilkinson-type shifts (the EISPACK routines tred2/tql2, in the form popularised by JAMA). Cost
 * about 9 n^3 flops with vectors, so n = 300 takes a few tens of milliseconds; cyclic Jacobi would
 * be several times slower for the same accuracy. The QL rotations act on pairs of eigenvectors,
 * so the vectors are kept as rows of a work matrix during that phase to make the rotations
 * contiguous in memory.
 */
public final class SymmetricEigen {

    /** QL iterations allowed per eigenvalue before giving up (tql2 normally needs 1-3). */
    private static final int MAX_ITERATIONS_PER_VALUE = 60;

    private final double[] values;
    /** vectors[i][k] = component i of eigenvector k (columns are eigenvectors). */
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes a symmetric matrix.
     *
     * @param a an n x n symmetric matrix with finite entries (not modified)
     * @return the decomposition, eigenvalues descending
     * @throws IllegalArgumentException if a is empty, not square, not finite, or not symmetric to
     *                                  within 1e-10 of its largest entry
     * @throws ArithmeticException      if the QL iteration fails to converge (not observed in practice)
     */
    public static SymmetricEigen decompose(double[][] a) {
        int n = a.length;
        if (n == 0) {
            throw new IllegalArgumentException("matrix must be non-empty");
        }
        double max = 0;
        for (double[] row : a) {
            if (row.length != n) {
                throw new IllegalArgumentException("matrix must be square, got a row of " + row.length + " in " + n);
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("matrix has a non-finite entry " + v);
                }
                max = Math.max(max, Math.abs(v));
            }
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > 1e-10 * max) {
                    throw new IllegalArgumentException("matrix is not symmetric: a[" + i + "][" + j + "] = " + a[i][j]
                            + " but a[" + j + "][" + i + "] = " + a[j][i]);
                }
                // Average the two triangles so round-off asymmetry does not bias the result.
                v[i][j] = 0.5 * (a[i][j] + a[j][i]);
            }
        }
        double[] d = new double[n];
        double[] e = new double[n];
        tred2(v, d, e);
        double[][] rows = transpose(v);
        tql2(rows, d, e);
        // Sort descending; rows[k] is eigenvector k.
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(d[q], d[p]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = d[order[k]];
            double[] vec = rows[order[k]];
            for (int i = 0; i < n; i++) {
                vectors[i][k] = vec[i];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** @return the matrix size n */
    public int size() {
        return values.length;
    }

    /** @return a copy of the eigenvalues, descending */
    public double[] values() {
        return values.clone();
    }

    /**
     * @param k index in descending order
     * @return the k-th largest eigenvalue
     */
    public double value(int k) {
        return values[k];
    }

    /** @return a copy of V (n x n), column k the unit eigenvector of {@code value(k)} */
    public double[][] vectors() {
        double[][] c = new double[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            c[i] = vectors[i].clone();
        }
        return c;
    }

    /**
     * @param k index in descending order
     * @return a copy of the unit eigenvector of {@code value(k)}
     */
    public double[] vector(int k) {
        double[] c = new double[vectors.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = vectors[i][k];
        }
        return c;
    }

    private static double[][] transpose(double[][] m) {
        int n = m.length;
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /**
     * Householder tridiagonalisation: on exit v holds the orthogonal Q (columns), d the diagonal and
     * e[1..n-1] the subdiagonal of Q^T A Q.
     */
    private static void tred2(double[][] v, double[] d, double[] e) {
        int n = d.length;
        for (int j = 0; j < n; j++) {
            d[j] = v[n - 1][j];
        }
        for (int i = n - 1; i > 0; i--) {
            double scale = 0.0;
            double h = 0.0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(d[k]);
            }
            if (scale == 0.0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = v[i - 1][j];
                    v[i][j] = 0.0;
                    v[j][i] = 0.0;
                }
            } else {
                // Scaling avoids under/overflow in the Householder vector.
                for (int k = 0; k < i; k++) {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1];
                double g = Math.sqrt(h);
                if (f > 0) {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) {
                    e[j] = 0.0;
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    v[j][i] = f;
                    g = e[j] + v[j][j] * f;
                    for (int k = j + 1; k <= i - 1; k++) {
                        g += v[k][j] * d[k];
                        e[k] += v[k][j] * f;
                    }
                    e[j] = g;
                }
                f = 0.0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * d[j];
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) {
                        v[k][j] -= (f * e[k] + g * d[k]);
                    }
                    d[j] = v[i - 1][j];
                    v[i][j] = 0.0;
                }
            }
            d[i] = h;
        }
        // Accumulate the transformations.
        for (int i = 0; i < n - 1; i++) {
            v[n - 1][i] = v[i][i];
            v[i][i] = 1.0;
            double h = d[i + 1];
            if (h != 0.0) {
                for (int k = 0; k <= i; k++) {
                    d[k] = v[k][i + 1] / h;
                }
                for (int j = 0; j <= i; j++) {
                    double g = 0.0;
                    for (int k = 0; k <= i; k++) {
                        g += v[k][i + 1] * v[k][j];
                    }
                    for (int k = 0; k <= i; k++) {
                        v[k][j] -= g * d[k];
                    }
                }
            }
            for (int k = 0; k <= i; k++) {
                v[k][i + 1] = 0.0;
            }
        }
        for (int j = 0; j < n; j++) {
            d[j] = v[n - 1][j];
            v[n - 1][j] = 0.0;
        }
        v[n - 1][n - 1] = 1.0;
        e[0] = 0.0;
    }

    /**
     * Implicit QL on the tridiagonal (d, e); rows[k] holds vector k of Q on entry and eigenvector k
     * on exit, d the (unsorted) eigenvalues.
     */
    private static void tql2(double[][] rows, double[] d, double[] e) {
        int n = d.length;
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0.0;
        double f = 0.0;
        double tst1 = 0.0;
        double eps = Math.ulp(1.0);
        for (int l = 0; l < n; l++) {
            // Find a small subdiagonal element to split the matrix.
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n) {
                if (Math.abs(e[m]) <= eps * tst1) {
                    break;
                }
                m++;
            }
            if (m > l) {
                int iter = 0;
                do {
                    if (++iter > MAX_ITERATIONS_PER_VALUE) {
                        throw new ArithmeticException("symmetric QL iteration did not converge for eigenvalue " + l);
                    }
                    // Shift from the leading 2x2 block.
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = hypot(p, 1.0);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    // Implicit QL transformation.
                    p = d[m];
                    double c = 1.0;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0;
                    double s2 = 0.0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        double[] a = rows[i];
                        double[] b = rows[i + 1];
                        for (int k = 0; k < n; k++) {
                            double t = b[k];
                            b[k] = s * a[k] + c * t;
                            a[k] = c * a[k] - s * t;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
    }

    /** sqrt(a^2 + b^2) without overflow; cheaper than Math.hypot, which is correctly rounded. */
    private static double hypot(double a, double b) {
        double x = Math.abs(a);
        double y = Math.abs(b);
        if (x > y) {
            double t = y / x;
            return x * Math.sqrt(1 + t * t);
        }
        if (y != 0) {
            double t = x / y;
            return y * Math.sqrt(1 + t * t);
        }
        return 0.0;
    }
}
