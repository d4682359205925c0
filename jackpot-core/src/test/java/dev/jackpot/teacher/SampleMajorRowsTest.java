package dev.jackpot.teacher;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SampleMajorRowsTest {

    private static final int N = 203;
    private static final int D = 40;

    private static double[][] rows(Rng rng) {
        double[][] rows = new double[D][N];
        for (double[] row : rows) {
            rng.fillGaussian(row);
        }
        return rows;
    }

    /** The reference: one feature-major dot product per support index. */
    private static double[] dots(double[][] rows, int[] support, double[] g, int lo, int hi) {
        double[] out = new double[support.length];
        for (int p = 0; p < support.length; p++) {
            out[p] = Forward.dot(rows[support[p]], g, lo, hi);
        }
        return out;
    }

    @Test
    void transposeTimesIsBitIdenticalToTheDotProductsForEveryRangeAndZeroPattern() {
        Rng rng = Seeds.stream(7, "sample-major");
        double[][] rows = rows(rng);
        int[] support = {0, 2, 3, 5, 8, 13, 17, 21, 22, 30, 31, 33, 39};
        SampleMajorRows sm = new SampleMajorRows(support, rows, N);
        double[] g = new double[N];
        int[][] ranges = {{0, N}, {0, 1}, {0, 8}, {0, 9}, {5, 37}, {1, 202}, {200, 203}, {64, 128}};
        for (double zeroFraction : new double[]{0.0, 0.5, 0.97, 1.0}) {
            for (int n = 0; n < N; n++) {
                double u = rng.nextDouble();
                // Inactive samples give +0 or -0 (0 times a negative slope); both must be skipped exactly.
                g[n] = u < zeroFraction ? (rng.nextDouble() < 0.5 ? 0.0 : -0.0) : rng.nextGaussian() * 1e-3;
            }
            for (int[] range : ranges) {
                double[] out = new double[support.length];
                sm.transposeTimes(g, range[0], range[1], out);
                assertArrayEquals(dots(rows, support, g, range[0], range[1]), out,
                        "zero fraction " + zeroFraction + ", samples [" + range[0] + ", " + range[1] + ")");
            }
        }
    }

    @Test
    void cancellationToZeroAndNonFiniteWeightsMatchTheDotProducts() {
        Rng rng = Seeds.stream(8, "sample-major");
        double[][] rows = rows(rng);
        int[] support = {1, 4, 6, 7, 9};
        double[] g = new double[N];
        // Samples 0 and 8 share chain 0 and cancel exactly on every row, so the chain passes through +0.
        for (int p : support) {
            rows[p][8] = rows[p][0];
        }
        SampleMajorRows sm = new SampleMajorRows(support, rows, N);
        g[0] = 0.25;
        g[8] = -0.25;
        g[16] = -0.0;
        double[] out = new double[support.length];
        sm.transposeTimes(g, 0, N, out);
        assertArrayEquals(dots(rows, support, g, 0, N), out);
        assertEquals(0L, Double.doubleToRawLongBits(out[0]), "exact cancellation gives +0");
        g[77] = Double.NaN;
        sm.transposeTimes(g, 0, N, out);
        assertArrayEquals(dots(rows, support, g, 0, N), out);
        assertEquals(Double.NaN, out[2]);
    }

    @Test
    void anEmptySupportGivesAnEmptyProduct() {
        SampleMajorRows sm = new SampleMajorRows(new int[0], new double[3][N], N);
        double[] out = new double[0];
        sm.transposeTimes(new double[N], 0, N, out);
        assertEquals(0, out.length);
    }
}
