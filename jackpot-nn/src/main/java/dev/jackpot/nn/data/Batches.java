package dev.jackpot.nn.data;

import dev.jackpot.sparse.SparseKernels;

import java.util.Arrays;

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
        return features(data, norm, order, from, to, null);
    }

    /**
     * As {@link #features(ImageDataset, Normalisation, int[], int, int)}, with example
     * {@code order[k]} transformed by {@code transforms[k - from]} ({@link ImageTransform}: flip, then
     * shift with padding by the raw pixel 0, which normalises to {@code -mean[c] / std[c]}). Identity
     * transforms give exactly the floats of the untransformed method.
     *
     * @param transforms one per example of the batch, or null for none
     * @return {@code (to - from) * C * H * W} floats
     * @throws IllegalArgumentException if {@code transforms} is not of length {@code to - from}
     */
    public static float[] features(ImageDataset data, Normalisation norm, int[] order, int from, int to,
                                   ImageTransform[] transforms) {
        if (transforms != null && transforms.length != to - from) {
            throw new IllegalArgumentException("One transform per example is needed: " + (to - from)
                    + " examples but " + transforms.length + " transforms.");
        }
        checkChannels(data, norm);
        int c = data.channels();
        int plane = data.height() * data.width();
        int e = c * plane;
        float[] out = new float[(to - from) * e];
        byte[] p = data.pixels();
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int ch = 0; ch < c; ch++) {
            scale[ch] = scale(norm, ch);
            shift[ch] = shift(norm, ch);
        }
        for (int k = from; k < to; k++) {
            int src = order[k] * e;
            int dst = (k - from) * e;
            ImageTransform tr = transforms == null ? ImageTransform.IDENTITY : transforms[k - from];
            if (!tr.isIdentity()) {
                transformed(p, src, out, dst, c, data.height(), data.width(), scale, shift, tr);
                continue;
            }
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

    /** Writes one transformed, normalised example: out(y, x) = flipped(y + dy, x + dx), or pixel 0 outside. */
    private static void transformed(byte[] p, int src, float[] out, int dst, int c, int h, int w, float[] scale,
                                    float[] shift, ImageTransform tr) {
        int plane = h * w;
        for (int ch = 0; ch < c; ch++) {
            float sc = scale[ch];
            float sh = shift[ch];
            // the padding is the raw pixel 0 through the same float operations as any pixel (+0.0, not sh's -0.0)
            float pad = 0f * sc + sh;
            int s0 = src + ch * plane;
            int d0 = dst + ch * plane;
            for (int y = 0; y < h; y++) {
                int sy = y + tr.dy();
                int row = d0 + y * w;
                if (sy < 0 || sy >= h) {
                    Arrays.fill(out, row, row + w, pad);
                    continue;
                }
                int srow = s0 + sy * w;
                for (int x = 0; x < w; x++) {
                    int sx = x + tr.dx();
                    if (sx < 0 || sx >= w) {
                        out[row + x] = pad;
                    } else {
                        int col = tr.flip() ? w - 1 - sx : sx;
                        out[row + x] = (p[srow + col] & 0xFF) * sc + sh;
                    }
                }
            }
        }
    }

    /**
     * The minibatch of {@link #features(ImageDataset, Normalisation, int[], int, int, ImageTransform[])}
     * laid out feature-major: {@code out[f][j]} is feature f (channel-major pixel index) of example
     * {@code order[from + j]}, the same floats, so sparse kernels read one contiguous row per feature.
     *
     * @param out at least {@code C * H * W} rows of at least {@code to - from} floats; the first
     *            {@code to - from} entries of each row are overwritten
     */
    public static void featuresByFeature(ImageDataset data, Normalisation norm, int[] order, int from, int to,
                                         ImageTransform[] transforms, float[][] out) {
        featuresByFeature(data, norm, order, from, to, transforms, out, null);
    }

    /**
     * {@link #featuresByFeature(ImageDataset, Normalisation, int[], int, int, ImageTransform[], float[][])} with
     * a caller-owned scratch buffer, so a training loop allocates nothing per step.
     *
     * <p>The examples' pixels are first copied one whole example at a time into {@code staging}, then
     * transposed from there. Reading each feature straight from the dataset touches every example's cache
     * lines in turn, and with a shuffled order most of them come from memory; the copies stream instead
     * (on Fashion-MNIST in random order: 64 against 80-105 microseconds per batch of 128, the same floats).
     *
     * @param staging at least {@code (to - from) * C * H * W} bytes, or null to allocate them
     */
    public static void featuresByFeature(ImageDataset data, Normalisation norm, int[] order, int from, int to,
                                         ImageTransform[] transforms, float[][] out, byte[] staging) {
        byFeature(data, norm, order, from, to, transforms, out, null, 0, staging);
    }

    /**
     * The same floats in one flat array, feature f of example {@code order[from + j]} at {@code out[f * stride + j]}
     * (the layout of the C sparse kernels).
     *
     * @param out     at least {@code C * H * W} rows of {@code stride} floats; the first {@code to - from} entries of
     *                each row are overwritten
     * @param stride  floats per row, at least {@code to - from}
     * @param staging as for the array-per-row form
     */
    public static void featuresByFeature(ImageDataset data, Normalisation norm, int[] order, int from, int to,
                                         ImageTransform[] transforms, float[] out, int stride, byte[] staging) {
        int e = data.channels() * data.height() * data.width();
        if (stride < to - from || out.length < (long) e * stride) {
            throw new IllegalArgumentException("A feature-major batch of " + (to - from) + " examples of " + e
                    + " features needs " + e + " rows of at least " + (to - from) + " floats; got rows of " + stride
                    + " in " + out.length + " floats.");
        }
        byFeature(data, norm, order, from, to, transforms, null, out, stride, staging);
    }

    /** Row f is {@code rows[f]} or, with rows null, {@code flat[f * stride ..]}. */
    private static void byFeature(ImageDataset data, Normalisation norm, int[] order, int from, int to,
                                  ImageTransform[] transforms, float[][] rows, float[] flat, int stride, byte[] staging) {
        int e = data.channels() * data.height() * data.width();
        int n = to - from;
        if (transforms != null) {
            float[] ex = features(data, norm, order, from, to, transforms);
            for (int f = 0; f < e; f++) {
                float[] row = rows != null ? rows[f] : flat;
                int base = rows != null ? 0 : f * stride;
                for (int j = 0; j < n; j++) {
                    row[base + j] = ex[j * e + f];
                }
            }
            return;
        }
        checkChannels(data, norm);
        if (staging != null && staging.length < n * e) {
            throw new IllegalArgumentException("The staging buffer holds " + staging.length + " bytes but a batch of " + n
                    + " examples of " + e + " features needs " + n * e + ".");
        }
        byte[] st = staging == null ? new byte[n * e] : staging;
        SparseKernels.stage(data.pixels(), order, from, n, e, st);
        int plane = data.height() * data.width();
        if (rows == null) {
            float[] sc = new float[data.channels()];
            float[] sh = new float[data.channels()];
            for (int ch = 0; ch < sc.length; ch++) {
                sc[ch] = scale(norm, ch);
                sh[ch] = shift(norm, ch);
            }
            SparseKernels.featureMajor(st, e, n, sc, sh, plane, flat, stride);
            return;
        }
        for (int ch = 0; ch < data.channels(); ch++) {
            float sc = scale(norm, ch);
            float sh = shift(norm, ch);
            for (int f = ch * plane; f < (ch + 1) * plane; f++) {
                SparseKernels.featureRow(st, e, n, f, sc, sh, rows[f], 0);
            }
        }
    }

    private static void checkChannels(ImageDataset data, Normalisation norm) {
        if (norm.channels() != data.channels()) {
            throw new IllegalArgumentException("The normalisation has " + norm.channels() + " channels but "
                    + data + " has " + data.channels() + ".");
        }
    }

    /**
     * (p/255 - m)/s is computed as {@code p * scale + shift}: both layouts use these floats, so they
     * give the same bits for every run.
     */
    private static float scale(Normalisation norm, int ch) {
        return (float) (1.0 / (255.0 * norm.stdOf(ch)));
    }

    private static float shift(Normalisation norm, int ch) {
        return (float) (-norm.meanOf(ch) / (double) norm.stdOf(ch));
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
