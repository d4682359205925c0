package dev.jackpot.nn.pai;

import dev.jackpot.nn.data.Batches;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;

/**
 * Normalised examples as doubles, {@code [n, C, H, W]} flattened, with their labels.
 *
 * @param x features
 * @param y labels
 */
record Examples(double[] x, int[] y) {

    int size() {
        return y.length;
    }

    static Examples of(ImageDataset data, Normalisation norm, int[] indices) {
        float[] f = Batches.features(data, norm, indices, 0, indices.length);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return new Examples(d, Batches.labels(data, indices, 0, indices.length));
    }
}
