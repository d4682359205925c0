package dev.jackpot.nn.data;

import dev.jackpot.nn.Synthetic;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sparse engine's feature-major batches hold the same floats as libtorch's example-major ones. */
class BatchesTest {

    @Test
    void featureMajorBatchIsTheTransposeOfTheExampleMajorOneBitForBit() {
        // small planes, and the 28 x 28 of Fashion-MNIST; one and three channels
        for (int[] shape : new int[][] {{1, 5, 4}, {3, 5, 4}, {1, 28, 28}, {3, 28, 28}}) {
            int channels = shape[0];
            ImageDataset data = Synthetic.images("b", 40, channels, shape[1], shape[2], 3, 1, 2);
            Normalisation norm = Normalisation.fit(data);
            int e = channels * shape[1] * shape[2];
            int[] order = new int[data.size()];
            SplittableRandom r = new SplittableRandom(channels);
            for (int i = 0; i < order.length; i++) {
                order[i] = r.nextInt(data.size());
            }
            // one staging buffer reused across batches of every size, as the sparse engine does, dirty from the last
            byte[] staging = new byte[24 * e];
            for (int n : new int[] {24, 1, 7, 8, 9, 17}) {
                int from = 3;
                float[] flat = Batches.features(data, norm, order, from, from + n, null);
                float[][] byFeature = new float[e][n + 2];
                float[][] reused = new float[e][n + 2];
                Batches.featuresByFeature(data, norm, order, from, from + n, null, byFeature);
                Batches.featuresByFeature(data, norm, order, from, from + n, null, reused, staging);
                int stride = n + 3;
                float[] flatRows = new float[e * stride];
                Batches.featuresByFeature(data, norm, order, from, from + n, null, flatRows, stride, staging);
                for (int f = 0; f < e; f++) {
                    for (int j = 0; j < n; j++) {
                        int bits = Float.floatToRawIntBits(flat[j * e + f]);
                        String where = "channels " + channels + ", n " + n + ", feature " + f + ", example " + j;
                        assertEquals(bits, Float.floatToRawIntBits(byFeature[f][j]), where);
                        assertEquals(bits, Float.floatToRawIntBits(reused[f][j]), where);
                        assertEquals(bits, Float.floatToRawIntBits(flatRows[f * stride + j]), where);
                    }
                }
            }
        }
    }

    @Test
    void aStagingBufferTooSmallForTheBatchIsRefused() {
        ImageDataset data = Synthetic.images("b", 10, 1, 5, 4, 3, 1, 2);
        Normalisation norm = Normalisation.fit(data);
        int[] order = {0, 1, 2, 3};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Batches.featuresByFeature(data, norm, order, 0, 4, null, new float[20][4], new byte[79]));
        assertTrue(e.getMessage().contains("needs 80"), e.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> Batches.featuresByFeature(data, norm, order, 0, 4, null, new float[79], 4, null));
        assertTrue(rows.getMessage().contains("20 rows of at least 4 floats"), rows.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Batches.featuresByFeature(data, norm, order, 0, 4, null, new float[80], 3, null));
    }
}
