package dev.jackpot.nn.data;

import java.util.Arrays;

/**
 * Per-channel standardisation of pixels on the [0, 1] scale: {@code x' = (p / 255 - mean[c]) / std[c]}.
 * Fit it on the training set only ({@link #fit}) and apply the same values to the test set; Fashion-MNIST
 * gives mean 0.2860, std 0.3530. (OpenLTH normalises CIFAR-10 with ImageNet's statistics, a defect
 * the weak-LTH design note lists; this class does not.)
 *
 * @param mean per-channel mean, finite
 * @param std  per-channel standard deviation, finite and positive
 */
public record Normalisation(float[] mean, float[] std) {

    public Normalisation {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("A normalisation needs one mean and one std per channel, got "
                    + mean.length + " means and " + std.length + " stds.");
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Float.isFinite(mean[c]) || !Float.isFinite(std[c]) || !(std[c] > 0)) {
                throw new IllegalArgumentException("Channel " + c + " has mean " + mean[c] + " and std " + std[c]
                        + "; the mean must be finite and the std finite and positive.");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** @return pixels scaled to [0, 1] without centring: mean 0, std 1 for every channel */
    public static Normalisation unit(int channels) {
        float[] m = new float[channels];
        float[] s = new float[channels];
        Arrays.fill(s, 1f);
        return new Normalisation(m, s);
    }

    /**
     * Computes the per-channel mean and (population) standard deviation of {@code data} on the [0, 1]
     * scale, accumulated in double in example order (deterministic).
     *
     * @param data the training set
     * @return the normalisation
     * @throws IllegalArgumentException if a channel is constant (std 0)
     */
    public static Normalisation fit(ImageDataset data) {
        int c = data.channels();
        int plane = data.height() * data.width();
        double[] sum = new double[c];
        double[] sq = new double[c];
        byte[] p = data.pixels();
        for (int i = 0; i < data.size(); i++) {
            for (int ch = 0; ch < c; ch++) {
                int off = (i * c + ch) * plane;
                long s = 0;
                long s2 = 0;
                for (int k = 0; k < plane; k++) {
                    int v = p[off + k] & 0xFF;
                    s += v;
                    s2 += (long) v * v;
                }
                sum[ch] += s;
                sq[ch] += s2;
            }
        }
        float[] mean = new float[c];
        float[] std = new float[c];
        double n = (double) data.size() * plane;
        for (int ch = 0; ch < c; ch++) {
            double m = sum[ch] / n;
            double var = Math.max(0, sq[ch] / n - m * m);
            mean[ch] = (float) (m / 255.0);
            std[ch] = (float) (Math.sqrt(var) / 255.0);
        }
        return new Normalisation(mean, std);
    }

    /** @return the number of channels */
    public int channels() {
        return mean.length;
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    float meanOf(int c) {
        return mean[c];
    }

    float stdOf(int c) {
        return std[c];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalisation n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalisation(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
