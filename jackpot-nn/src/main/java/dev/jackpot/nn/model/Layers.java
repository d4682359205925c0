package dev.jackpot.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * The functional layers the networks are built from, each one libtorch operation through DJL (max pooling: a
 * Java argmax and one libtorch gather).
 * Shapes follow PyTorch: x {@code [B, C, H, W]}, conv weight {@code [O, C, k, k]}, linear weight
 * {@code [O, I]}.
 */
public final class Layers {

    /** Batch-norm epsilon (PyTorch's default). */
    public static final float BN_EPS = 1e-5f;
    /** Batch-norm running-statistics update: {@code running = 0.9 running + 0.1 batch} (PyTorch's momentum 0.1). */
    public static final float BN_KEEP = 0.9f;

    private Layers() {
    }

    /** {@code y = x W^T + b}; x {@code [B, I]}, W {@code [O, I]}, b {@code [O]} or null; y {@code [B, O]}. */
    public static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return b == null ? Linear.linear(x, w).singletonOrThrow() : Linear.linear(x, w, b).singletonOrThrow();
    }

    /**
     * 2-D cross-correlation with square kernel, stride s and zero padding p:
     * {@code y[n, o, i, j] = b[o] + sum_{c, u, v} W[o, c, u, v] x[n, c, s i + u - p, s j + v - p]}.
     */
    public static NDArray conv(NDArray x, NDArray w, NDArray b, int stride, int padding) {
        Shape s = new Shape(stride, stride);
        Shape p = new Shape(padding, padding);
        return Conv2d.conv2d(x, w, b, s, p, new Shape(1, 1), 1).singletonOrThrow();
    }

    /**
     * Batch normalisation over the channel axis 1 (Ioffe and Szegedy, ICML 2015):
     * {@code y = gamma (x - mu) / sqrt(var + eps) + beta}, with the batch statistics in training
     * mode (the running buffers are then updated in place, unbiased variance as PyTorch) and the
     * running buffers otherwise.
     */
    public static NDArray batchNorm(NDArray x, NDArray gamma, NDArray beta, NDArray runningMean, NDArray runningVar,
                                    boolean training) {
        // axis -1 selects libtorch's native layout (channels on axis 1); DJL converts momentum to 1 - momentum.
        return BatchNorm.batchNorm(x, runningMean, runningVar, gamma, beta, -1, BN_KEEP, BN_EPS, training)
                .singletonOrThrow();
    }

    /**
     * The same {@code [B, C, H, W]} values stored channels last, NHWC (strides {@code [HWC, 1, WC, C]}): a view
     * when C = 1, otherwise one copy. libtorch's convolutions, batch norms and element-wise operations return
     * their input's layout, so one call at a network's input keeps its activations channels last, forward and
     * backward; the weights and their gradients stay NCHW. Reading the array back ({@code toFloatArray}) gives
     * the logical NCHW order.
     */
    public static NDArray channelsLast(NDArray x) {
        long[] d = x.getShape().getShape();
        if (d.length != 4) {
            throw new IllegalArgumentException("A channels-last layout needs a [B, C, H, W] array, got " + x.getShape() + ".");
        }
        if (d[1] == 1) {
            return x.reshape(d[0], d[2], d[3], 1).transpose(0, 3, 1, 2);
        }
        // reshaping the NHWC view cannot be a view of NCHW storage, so libtorch copies it into NHWC order
        return x.transpose(0, 2, 3, 1).reshape(d[0], d[2] * d[3] * d[1]).reshape(d[0], d[2], d[3], d[1]).transpose(0, 3, 1, 2);
    }

    /** {@code max(x, 0)}. */
    public static NDArray relu(NDArray x) {
        return Activation.relu(x);
    }

    /** Non-overlapping 2 x 2 max pooling (floor of odd sizes), bit for bit libtorch's ({@link MaxPool2}). */
    public static NDArray maxPool2(NDArray x) {
        return MaxPool2.apply(x);
    }

    /** Mean over the spatial axes: {@code [B, C, H, W] -> [B, C]}. */
    public static NDArray globalAvgPool(NDArray x) {
        return x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(new int[] {2});
    }

    /** {@code [B, ...] -> [B, prod(...)]}. */
    public static NDArray flatten(NDArray x) {
        return x.reshape(x.getShape().get(0), -1);
    }
}
