package dev.jackpot.nn.sparse;

import dev.jackpot.nn.data.Batches;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.ImageTransform;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.sparse.CsrPattern;
import dev.jackpot.sparse.NativeKernels;
import dev.jackpot.sparse.SparseKernels;

/**
 * One feature-major matrix of a minibatch, {@code rows x capacity}: entry {@code (r, j)} is feature (or unit) r
 * of example j. Held as one array per row where the products run in Java (the JIT vectorises a loop over a whole
 * row array, not over rows of one array at different offsets), or as one flat array with rows of
 * {@code capacity} floats rounded up to a multiple of 16 where they run in C ({@link NativeKernels}); both give
 * the same bits. This class is the only one of the sparse engine that knows the layout.
 */
final class FeatureMajor {

    private final float[][] rows;
    private final float[] flat;
    private final int stride;

    private FeatureMajor(int rows, int capacity, boolean flat) {
        this.rows = flat ? null : new float[rows][capacity];
        // flat rows are padded to whole 16-float vectors, so the C's last block of a row needs no scalar loop
        this.stride = flat ? (capacity + 15) & ~15 : capacity;
        this.flat = flat ? new float[rows * stride] : null;
    }

    /** @return a zero matrix in the layout of the kernels in use now */
    static FeatureMajor of(int rows, int capacity) {
        return new FeatureMajor(rows, capacity, NativeKernels.active());
    }

    float get(int r, int j) {
        return flat != null ? flat[r * stride + j] : rows[r][j];
    }

    void set(int r, int j, float v) {
        if (flat != null) {
            flat[r * stride + j] = v;
        } else {
            rows[r][j] = v;
        }
    }

    /** Fills the first n columns with a minibatch ({@link Batches#featuresByFeature}). */
    void load(ImageDataset data, Normalisation norm, int[] order, int lo, int hi, ImageTransform[] transforms, byte[] staging) {
        if (flat != null) {
            Batches.featuresByFeature(data, norm, order, lo, hi, transforms, flat, stride, staging);
        } else {
            Batches.featuresByFeature(data, norm, order, lo, hi, transforms, rows, staging);
        }
    }

    /** {@code this = W x + b} on rows {@code [from, to)}, ReLU applied if asked. */
    void forward(CsrPattern p, float[] w, float[] bias, FeatureMajor x, boolean relu, int n, int from, int to) {
        if (flat != null) {
            SparseKernels.forward(p, w, bias, x.flat, flat, stride, n, relu, from, to);
        } else {
            SparseKernels.forward(p, w, bias, x.rows, rows, n, from, to);
            if (relu) {
                for (int o = from; o < to; o++) {
                    SparseKernels.relu(rows[o], 0, n);
                }
            }
        }
    }

    /** The kept weights' gradient of rows {@code [from, to)}, this being dL/dZ and x the layer's input. */
    void weightGradient(CsrPattern p, FeatureMajor x, float[] dw, int n, int from, int to) {
        if (flat != null) {
            SparseKernels.weightGradient(p, flat, x.flat, dw, stride, n, from, to);
        } else {
            SparseKernels.weightGradient(p, rows, x.rows, dw, n, from, to);
        }
    }

    /** Per-row sums of the first n columns (the bias gradient). */
    void rowSums(float[] db, int n) {
        if (flat != null) {
            SparseKernels.rowSums(flat, db, stride, n, 0, db.length);
        } else {
            SparseKernels.rowSums(rows, db, n, 0, db.length);
        }
    }

    /**
     * This (the input gradient, rows {@code [from, to)}) {@code = (W^T g) . [a > 0]}, a being the layer's input
     * (post-ReLU activations).
     */
    void inputGradient(CsrPattern p, float[] w, FeatureMajor g, FeatureMajor a, int n, int from, int to) {
        if (flat != null) {
            SparseKernels.inputGradient(p, w, g.flat, a.flat, flat, stride, n, from, to);
        } else {
            SparseKernels.inputGradient(p, w, g.rows, rows, n, from, to);
            for (int i = from; i < to; i++) {
                SparseKernels.reluGradient(rows[i], a.rows[i], 0, n);
            }
        }
    }
}
