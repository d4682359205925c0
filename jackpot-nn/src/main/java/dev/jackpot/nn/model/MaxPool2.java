package dev.jackpot.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * Non-overlapping 2 x 2 max pooling, {@code y[n, c, i, j] = max(x[n, c, 2i + u, 2j + v])} over u, v in {0, 1}
 * (odd sizes floored), computed as libtorch's {@code max_pool2d} computes it but faster on the CPU.
 *
 * <p>libtorch 2.7.1's CPU max-pooling forward took a quarter of a LeNet-5 epoch (2.8 ms per step for a
 * {@code [128, 6, 28, 28]} input, more than torch 1.13's 2.0 ms). Here the window maxima are found in Java on a
 * copy of x, and y is {@code take(x, argmax)}: one libtorch gather, whose backward scatters each output's gradient
 * to its argmax as max pooling's does. The argmax is chosen exactly as libtorch's kernel chooses it, scanning a
 * window row by row and taking a value when it is greater than the best so far or NaN, so y and dL/dx are bit for
 * bit libtorch's (tested, ties and NaN included). Measured: 1.3 against 2.9 ms forward on that input.
 */
final class MaxPool2 {

    private MaxPool2() {
    }

    static NDArray apply(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || x.getDataType() != DataType.FLOAT32 || x.getDevice().isGpu()
                || s.get(2) < 2 || s.get(3) < 2) {
            return Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        }
        int planes = Math.toIntExact(s.get(0) * s.get(1));
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        long[] at = argmax(x.toFloatArray(), planes, h, w);
        NDArray index = x.getManager().create(at);
        NDArray y = x.reshape(-1).take(index).reshape(s.get(0), s.get(1), h / 2, w / 2);
        return y;
    }

    /**
     * @return for each output, in {@code [plane][i][j]} order, the flat index into v of its window's maximum: the
     *         first maximum in row-major window order, or the last NaN if the window has one (libtorch's rule)
     */
    static long[] argmax(float[] v, int planes, int h, int w) {
        int h2 = h / 2;
        int w2 = w / 2;
        long[] at = new long[planes * h2 * w2];
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * h * w;
            for (int i = 0; i < h2; i++) {
                int r0 = base + 2 * i * w;
                int r1 = r0 + w;
                for (int j = 0; j < w2; j++) {
                    int q0 = r0 + 2 * j;
                    int q1 = r1 + 2 * j;
                    // a tournament of two pairs picks what the sequential scan a, b, c, d picks: the earlier on ties
                    // (a later value must be strictly greater), the later of two NaNs, a NaN over any number
                    float a = v[q0];
                    float b = v[q0 + 1];
                    float c = v[q1];
                    float d = v[q1 + 1];
                    boolean bWins = b > a || b != b;
                    float m1 = bWins ? b : a;
                    int i1 = bWins ? q0 + 1 : q0;
                    boolean dWins = d > c || d != d;
                    float m2 = dWins ? d : c;
                    int i2 = dWins ? q1 + 1 : q1;
                    at[o++] = m2 > m1 || m2 != m2 ? i2 : i1;
                }
            }
        }
        return at;
    }
}
