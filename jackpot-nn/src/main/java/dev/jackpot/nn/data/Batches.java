package dev.jackpot.nn.data;

/** Builds normalised float minibatches from byte images. */
public final class Batches {

    private Batches() {
    }

    /**
     * Gathers examples {@code order[from..to)} into a flat float array, N x C x H x W, each pixel
     * {@code (p / 255 - mean[c]) / std[c]}.
     *
     * @param data  the dataset
     * @param norm  the normalisation (one entry per channel)
     * @param order example indices
     * @param from  first position in {@code order} (inclusive)
     * @param to    last position (exclusive)
     * @return {@code (to - from) * C * H * W} floats
     */
    public static float[] features(ImageDataset data, Normalisation norm, int[] order, int from, int to) {
        if (norm.channels() != data.channels()) {
            throw new IllegalArgumentException("The normalisation has " + norm.channels() + " channels but "
                    + data + " has " + data.channels() + ".");
        }
        int c = data.channels();
        int plane = data.height() * data.width();
        int e = c * plane;
        float[] out = new float[(to - from) * e];
        byte[] p = data.pixels();
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int ch = 0; ch < c; ch++) {
            // (p/255 - m)/s computed as p*scale + shift, the same float operations for every run
            scale[ch] = (float) (1.0 / (255.0 * norm.stdOf(ch)));
            shift[ch] = (float) (-norm.meanOf(ch) / (double) norm.stdOf(ch));
        }
        for (int k = from; k < to; k++) {
            int src = order[k] * e;
            int dst = (k - from) * e;
            for (int ch = 0; ch < c; ch++) {
                float sc = scale[ch];
                float sh = shift[ch];
                int s0 = src + ch * plane;
                int d0 = dst + ch * plane;
                for (int j = 0; j < plane; j++) {
                    out[d0 + j] = (p[s0 + j] & 0xFF) * sc + sh;
                }
            }
        }
        return out;
    }

    /**
     * @return the labels of examples {@code order[from..to)} as ints
     */
    public static int[] labels(ImageDataset data, int[] order, int from, int to) {
        int[] out = new int[to - from];
        for (int k = from; k < to; k++) {
            out[k - from] = data.label(order[k]);
        }
        return out;
    }
}
