package dev.jackpot.teacher;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatternGradientTest {

    private static final int N = 211;
    private static final int D = 24;

    private static double[][] rows(Rng rng) {
        double[][] rows = new double[D][N];
        for (double[] row : rows) {
            rng.fillGaussian(row);
        }
        return rows;
    }

    /** The definition, summed naively in sample order. */
    private static double[] reference(double[][] rows, int[] support, double[] z, double[] s, int lo, int hi) {
        double[] out = new double[support.length];
        for (int p = 0; p < support.length; p++) {
            double sum = 0;
            for (int n = lo; n < hi; n++) {
                sum += z[n] > 0 ? s[n] * rows[support[p]][n] : 0.0;
            }
            out[p] = sum;
        }
        return out;
    }

    private static double[][] outputs(int[][] supports) {
        double[][] out = new double[supports.length][];
        for (int j = 0; j < supports.length; j++) {
            out[j] = new double[supports[j].length];
        }
        return out;
    }

    @Test
    void everyNeuronsProductEqualsTheDefinitionForEveryRangeAndActivityLevel() {
        Rng rng = Seeds.stream(11, "patterns");
        double[][] rows = rows(rng);
        // Overlapping, nested, disjoint-from-the-rest and empty supports.
        int[][] supports = {{0, 1, 2, 3, 5, 8, 13, 21}, {1, 2, 3, 5, 8}, {4, 6, 7}, {}, {0, 23}};
        PatternGradient pg = new PatternGradient(supports, rows, N);
        double[] s = new double[N];
        double[][] z = new double[supports.length][N];
        int[][] ranges = {{0, N}, {0, 1}, {0, 3}, {5, 37}, {1, 210}, {200, 211}, {64, 128}};
        for (double active : new double[]{0.0, 0.1, 0.5, 0.97, 1.0}) {
            for (int n = 0; n < N; n++) {
                s[n] = rng.nextGaussian();
                for (double[] zj : z) {
                    zj[n] = rng.nextDouble() < active ? rng.nextDouble() + 1e-3 : -rng.nextDouble();
                }
            }
            z[1][7] = 0.0;
            z[2][9] = -0.0;
            for (int[] range : ranges) {
                double[][] out = outputs(supports);
                pg.gradients(z, s, range[0], range[1], 0.5, out);
                for (int j = 0; j < supports.length; j++) {
                    double[] expected = reference(rows, supports[j], z[j], s, range[0], range[1]);
                    for (int p = 0; p < expected.length; p++) {
                        assertEquals(0.5 * expected[p], out[j][p], 1e-12 * (1 + Math.abs(expected[p])),
                                "active " + active + ", neuron " + j + ", entry " + p + ", samples [" + range[0]
                                        + ", " + range[1] + ")");
                    }
                }
            }
        }
    }

    @Test
    void resultsAreDeterministicAndANanSlopePoisonsOnlyTheNeuronsActiveThere() {
        Rng rng = Seeds.stream(12, "patterns");
        double[][] rows = rows(rng);
        int[][] supports = {{0, 1, 2}, {1, 2, 3}};
        double[][] z = new double[2][N];
        double[] s = new double[N];
        for (int n = 0; n < N; n++) {
            z[0][n] = rng.nextGaussian();
            z[1][n] = rng.nextGaussian();
            s[n] = rng.nextGaussian();
        }
        z[0][17] = -1.0;
        double[][] first = outputs(supports);
        double[][] second = outputs(supports);
        new PatternGradient(supports, rows, N).gradients(z, s, 0, N, 1.0, first);
        PatternGradient reused = new PatternGradient(supports, rows, N);
        reused.gradients(z, s, 3, 50, 1.0, second);
        reused.gradients(z, s, 0, N, 1.0, second);
        for (int j = 0; j < 2; j++) {
            assertArrayEquals(first[j], second[j], "neuron " + j);
        }
        // A NaN pre-activation makes the output, hence the slope, NaN at that sample.
        z[1][17] = Double.NaN;
        s[17] = Double.NaN;
        reused.gradients(z, s, 0, N, 1.0, second);
        assertArrayEquals(first[0], second[0]);
        for (double v : second[1]) {
            assertTrue(Double.isNaN(v));
        }
    }

    @Test
    void worthwhileOnlyForHeavilyOverlappingSupportsOfFewNeurons() {
        int[] all = new int[90];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        assertTrue(PatternGradient.worthwhile(new int[][]{all, all, all, all, all}, 500));
        assertFalse(PatternGradient.worthwhile(new int[][]{{0, 1}, {2, 3}, {4, 5}}, 500), "disjoint supports");
        assertFalse(PatternGradient.worthwhile(new int[][]{all}, 500), "one neuron");
        assertFalse(PatternGradient.worthwhile(new int[][]{all, all, all, all, all, all, all}, 500), "too many neurons");
        assertFalse(PatternGradient.worthwhile(new int[][]{{}, {}}, 500), "empty supports");
        assertThrows(IllegalArgumentException.class,
                () -> new PatternGradient(new int[7][], new double[D][N], N));
    }
}
