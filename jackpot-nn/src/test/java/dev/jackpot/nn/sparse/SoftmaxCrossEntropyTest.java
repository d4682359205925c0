package dev.jackpot.nn.sparse;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.sparse.Exponentials;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batched loss against the per-example formula, bit for bit, and against Math.exp's softmax. */
class SoftmaxCrossEntropyTest {

    private static final int CLASSES = 10;
    private static final int CAPACITY = 37;

    @Test
    void matchesThePerExampleFormulaBitForBit() {
        Rng rng = Seeds.stream(3, "logits");
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(CLASSES, CAPACITY);
        for (int n : new int[] {1, 8, 29, CAPACITY}) {
            FeatureMajor z = FeatureMajor.of(CLASSES, CAPACITY);
            FeatureMajor g = FeatureMajor.of(CLASSES, CAPACITY);
            int[] labels = new int[CAPACITY];
            for (int j = 0; j < n; j++) {
                labels[j] = rng.nextInt(CLASSES);
                for (int c = 0; c < CLASSES; c++) {
                    // a wide spread, so some exponentials underflow and one example has a tie for the maximum
                    z.set(c, j, (float) (j == 2 && c < 2 ? 5 : 40 * (rng.nextDouble() - 0.5)));
                }
            }
            double start = 0.25;
            double got = loss.accumulate(z, labels, n, g, start);
            double want = start;
            double mathSum = 0;
            for (int j = 0; j < n; j++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < CLASSES; c++) {
                    max = Math.max(max, z.get(c, j));
                }
                double s = 0;
                double sMath = 0;
                double[] e = new double[CLASSES];
                for (int c = 0; c < CLASSES; c++) {
                    e[c] = Exponentials.exp(z.get(c, j) - max);
                    s += e[c];
                    sMath += Math.exp(z.get(c, j) - max);
                }
                double gSum = 0;
                for (int c = 0; c < CLASSES; c++) {
                    float expect = (float) ((e[c] / s - (c == labels[j] ? 1 : 0)) / n);
                    assertEquals(Float.floatToRawIntBits(expect), Float.floatToRawIntBits(g.get(c, j)), "g[" + c + "][" + j + "]");
                    gSum += g.get(c, j);
                }
                assertEquals(0, gSum, 1e-6 / n, "the softmax gradient of example " + j + " sums to zero");
                want += -(z.get(labels[j], j) - max - Math.log(s));
                mathSum += -(z.get(labels[j], j) - max - Math.log(sMath));
            }
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), "n " + n);
            assertEquals(mathSum + start, got, 1e-13 * Math.abs(got), "against Math.exp, n " + n);
        }
    }

    @Test
    void aNonFiniteLogitGivesANonFiniteLossAndNoGradientIsAsked() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(CLASSES, CAPACITY);
        FeatureMajor z = FeatureMajor.of(CLASSES, CAPACITY);
        int[] labels = new int[CAPACITY];
        z.set(3, 1, Float.NaN);
        assertTrue(Double.isNaN(loss.accumulate(z, labels, 4, null, 0)));
        z.set(3, 1, Float.POSITIVE_INFINITY);
        assertTrue(Double.isNaN(loss.accumulate(z, labels, 4, null, 0)));
        // all-equal logits: every softmax is 1 / classes
        FeatureMajor flat = FeatureMajor.of(CLASSES, CAPACITY);
        assertEquals(4 * Math.log(CLASSES), loss.accumulate(flat, labels, 4, null, 0), 1e-12);
    }
}
