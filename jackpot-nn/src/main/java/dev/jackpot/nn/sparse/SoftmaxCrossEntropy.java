package dev.jackpot.nn.sparse;

import dev.jackpot.sparse.Exponentials;

/**
 * The sparse engine's loss on a minibatch of logits z ({@code classes x n}, feature-major): per example j,
 * {@code loss_j = -log softmax(z[., j])[y_j] = -(z[y_j][j] - m_j - log s_j)} with {@code m_j = max_c z[c][j]},
 * {@code s_j = sum_c e[c][j]} (c ascending, from +0) and {@code e[c][j] = exp(z[c][j] - m_j)}, in double; and, when
 * asked, the output gradient of the mean loss, {@code g[c][j] = (float) ((e[c][j] / s_j - [c = y_j]) / n)}.
 *
 * <p>The exponentials are {@link Exponentials#exp} (one call for the whole batch, in C where it is loaded), so the
 * Java and C engines share every bit; the loops run class by class over the batch so the JIT vectorises them.
 * Only {@code log s_j} (one per example) is {@link Math#log}.
 */
final class SoftmaxCrossEntropy {

    private final int classes;
    /** e[c * n + j] for the current batch of n */
    private final double[] e;
    private final double[] max;
    private final double[] sums;

    SoftmaxCrossEntropy(int classes, int capacity) {
        this.classes = classes;
        this.e = new double[classes * capacity];
        this.max = new double[capacity];
        this.sums = new double[capacity];
    }

    /**
     * @param z      logits, the first n columns
     * @param labels y_j
     * @param n      examples, at most the capacity
     * @param g      receives the output gradient, or null for none
     * @param sum    the running total the losses are added to, one at a time in j order
     * @return {@code sum + loss_0 + ... + loss_{n-1}}, added left to right
     */
    double accumulate(FeatureMajor z, int[] labels, int n, FeatureMajor g, double sum) {
        for (int j = 0; j < n; j++) {
            max[j] = Double.NEGATIVE_INFINITY;
            sums[j] = 0;
        }
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < n; j++) {
                max[j] = Math.max(max[j], z.get(c, j));
            }
        }
        for (int c = 0; c < classes; c++) {
            int base = c * n;
            for (int j = 0; j < n; j++) {
                e[base + j] = z.get(c, j) - max[j];
            }
        }
        Exponentials.expInPlace(e, classes * n);
        for (int c = 0; c < classes; c++) {
            int base = c * n;
            for (int j = 0; j < n; j++) {
                sums[j] += e[base + j];
            }
        }
        if (g != null) {
            for (int c = 0; c < classes; c++) {
                int base = c * n;
                for (int j = 0; j < n; j++) {
                    g.set(c, j, (float) ((e[base + j] / sums[j] - (c == labels[j] ? 1 : 0)) / n));
                }
            }
        }
        for (int j = 0; j < n; j++) {
            sum += -(z.get(labels[j], j) - max[j] - Math.log(sums[j]));
        }
        return sum;
    }
}
