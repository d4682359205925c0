package dev.jackpot.linalg;

import dev.jackpot.rng.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TensorPowerMethodTest {

    @Test
    void recoversAnOrthogonalDecomposition() {
        int k = 5;
        // Orthonormal o_j from the eigenvectors of a random symmetric matrix.
        double[][] o = SymmetricEigen.decompose(SymmetricEigenTest.randomSymmetric(k, Rng.of(11))).vectors();
        double[] mu = {2.0, -1.5, 0.7, -0.05, 1.1};
        double[][][] t = new double[k][k][k];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    for (int c = 0; c < k; c++) {
                        t[a][b][c] += mu[j] * o[a][j] * o[b][j] * o[c][j];
                    }
                }
            }
        }
        TensorPowerMethod.Decomposition dec = TensorPowerMethod.decompose(t, 10, 30, Rng.of(3));
        boolean[] used = new boolean[k];
        for (int found = 0; found < k; found++) {
            double[] theta = dec.vectors()[found];
            // Match to the true component with the largest |<o_j, theta>|.
            int best = -1;
            double bestDot = 0;
            for (int j = 0; j < k; j++) {
                double d = 0;
                for (int a = 0; a < k; a++) {
                    d += o[a][j] * theta[a];
                }
                if (Math.abs(d) > Math.abs(bestDot)) {
                    bestDot = d;
                    best = j;
                }
            }
            used[best] = true;
            assertEquals(1.0, Math.abs(bestDot), 1e-12);
            // Odd order: (mu, o) ~ (-mu, -o); the method returns mu > 0.
            assertEquals(Math.abs(mu[best]), dec.values()[found], 1e-12);
            assertEquals(Math.signum(mu[best]), Math.signum(bestDot), 0.0);
        }
        for (boolean u : used) {
            assertEquals(true, u);
        }
    }

    @Test
    void recoversAFourthOrderDecomposition() {
        int k = 4;
        double[][] o = SymmetricEigen.decompose(SymmetricEigenTest.randomSymmetric(k, Rng.of(12))).vectors();
        double[] nu = {3.0, 0.2, 1.0, 1.7};
        double[][][][] t = new double[k][k][k][k];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    for (int c = 0; c < k; c++) {
                        for (int d = 0; d < k; d++) {
                            t[a][b][c][d] += nu[j] * o[a][j] * o[b][j] * o[c][j] * o[d][j];
                        }
                    }
                }
            }
        }
        TensorPowerMethod.Decomposition dec = TensorPowerMethod.decompose(t, 10, 30, Rng.of(4));
        double[] sorted = dec.values().clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(new double[]{0.2, 1.0, 1.7, 3.0}, sorted, 1e-12);
        for (int found = 0; found < k; found++) {
            double best = 0;
            for (int j = 0; j < k; j++) {
                double d = 0;
                for (int a = 0; a < k; a++) {
                    d += o[a][j] * dec.vectors()[found][a];
                }
                best = Math.max(best, Math.abs(d));
            }
            assertEquals(1.0, best, 1e-12);
        }
    }
}
