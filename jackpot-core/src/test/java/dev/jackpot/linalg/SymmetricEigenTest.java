package dev.jackpot.linalg;

import dev.jackpot.rng.Rng;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymmetricEigenTest {

    static double[][] randomSymmetric(int n, Rng rng) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = rng.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        return a;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 60})
    void reconstructsRandomSymmetricMatrices(int n) {
        double[][] a = randomSymmetric(n, Rng.of(n));
        SymmetricEigen eig = SymmetricEigen.decompose(a);
        double[][] v = eig.vectors();
        double[] l = eig.values();
        double scale = 0;
        for (double[] row : a) {
            for (double x : row) {
                scale = Math.max(scale, Math.abs(x));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    s += v[i][k] * l[k] * v[j][k];
                    dot += v[k][i] * v[k][j];
                }
                assertEquals(a[i][j], s, 1e-12 * n * scale, "A = V L V^T at " + i + "," + j);
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-12 * n, "V^T V = I at " + i + "," + j);
            }
        }
        for (int k = 1; k < n; k++) {
            assertTrue(l[k - 1] >= l[k], "eigenvalues are descending");
        }
        // Columns are eigenvectors: A v_k = l_k v_k.
        for (int k = 0; k < n; k++) {
            double[] vk = eig.vector(k);
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += a[i][j] * vk[j];
                }
                assertEquals(l[k] * vk[i], s, 1e-12 * n * scale);
            }
        }
    }

    @Test
    void largeMatrixIsAccurate() {
        int n = 300;
        double[][] a = randomSymmetric(n, Rng.of(300));
        SymmetricEigen eig = SymmetricEigen.decompose(a);
        // ||A V - V L||_max over all columns, relative to sqrt(n) ~ ||A||_2 / 2.
        double[][] v = eig.vectors();
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += a[i][j] * v[j][k];
                }
                worst = Math.max(worst, Math.abs(s - eig.value(k) * v[i][k]));
            }
        }
        assertTrue(worst < 1e-11 * Math.sqrt(n), "residual " + worst);
    }

    @Test
    @Tag("slow")
    void timing() {
        for (int n : new int[]{100, 300, 500}) {
            double[][] a = randomSymmetric(n, Rng.of(n));
            for (int warm = 0; warm < 3; warm++) {
                SymmetricEigen.decompose(a);
            }
            long start = System.nanoTime();
            int reps = 5;
            for (int r = 0; r < reps; r++) {
                SymmetricEigen.decompose(a);
            }
            System.out.printf("SymmetricEigen n=%d: %.1f ms%n", n, (System.nanoTime() - start) / 1e6 / reps);
        }
    }

    @Test
    void diagonalMatrixGivesSortedDiagonal() {
        double[][] a = {{3, 0, 0, 0}, {0, -1, 0, 0}, {0, 0, 7, 0}, {0, 0, 0, 0.5}};
        SymmetricEigen eig = SymmetricEigen.decompose(a);
        assertArrayEquals(new double[]{7, 3, 0.5, -1}, eig.values(), 1e-15);
        assertEquals(1.0, Math.abs(eig.vector(0)[2]), 1e-15);
        assertEquals(1.0, Math.abs(eig.vector(3)[1]), 1e-15);
    }

    @Test
    void knownTwoByTwo() {
        SymmetricEigen eig = SymmetricEigen.decompose(new double[][]{{2, 1}, {1, 2}});
        assertArrayEquals(new double[]{3, 1}, eig.values(), 1e-14);
        double[] v0 = eig.vector(0);
        double[] v1 = eig.vector(1);
        double h = Math.sqrt(0.5);
        assertEquals(h, Math.abs(v0[0]), 1e-14);
        assertEquals(v0[0], v0[1], 1e-14);
        assertEquals(h, Math.abs(v1[0]), 1e-14);
        assertEquals(-v1[0], v1[1], 1e-14);
    }

    @Test
    void repeatedEigenvaluesAndRankDeficiency() {
        // u u^T + w w^T in R^5 (rank 2, eigenvalue 0 with multiplicity 3).
        double[] u = {1, 2, 0, -1, 0};
        double[] w = {0, 1, 1, 2, -1};
        double[][] a = new double[5][5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                a[i][j] = u[i] * u[j] + w[i] * w[j];
            }
        }
        double[] l = SymmetricEigen.decompose(a).values();
        for (int k = 2; k < 5; k++) {
            assertEquals(0.0, l[k], 1e-14);
        }
        // trace = ||u||^2 + ||w||^2
        assertEquals(13.0, l[0] + l[1], 1e-13);
    }

    @Test
    void rejectsAsymmetricAndNonSquare() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.decompose(new double[][]{{1, 2}, {0, 1}}));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.decompose(new double[][]{{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.decompose(new double[0][0]));
    }
}
