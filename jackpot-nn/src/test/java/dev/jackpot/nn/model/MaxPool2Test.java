package dev.jackpot.nn.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import dev.jackpot.nn.Compute;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MaxPool2Test {

    /** Windows a, b / c, d in scan order a, b, c, d: libtorch's choice, by hand. */
    @Test
    void argmaxFollowsTheScanOrderOnTiesAndNaN() {
        float nan = Float.NaN;
        float[][] windows = {
            {1, 2, 3, 4}, {4, 3, 2, 1}, {0, 0, 0, 0}, {1, 5, 5, 2}, {2, 1, 5, 5}, {-0f, 0f, 0f, -0f},
            {nan, 1, 2, 3}, {1, nan, nan, 3}, {1, 2, nan, 9}, {nan, nan, nan, nan}, {1, 2, 3, nan},
        };
        int[] expected = {3, 0, 0, 1, 2, 0, 0, 2, 2, 3, 3};
        for (int t = 0; t < windows.length; t++) {
            float[] wnd = windows[t];
            // one 2 x 2 plane: flat indices 0 1 / 2 3
            long[] at = MaxPool2.argmax(new float[] {wnd[0], wnd[1], wnd[2], wnd[3]}, 1, 2, 2);
            assertEquals(expected[t], at[0], "window " + t);
        }
    }

    /**
     * Against libtorch's max_pool2d: outputs and input gradients bit for bit, on data full of ties (ReLU zeros,
     * small integers), signed zeros and NaN, including odd sizes.
     */
    @Test
    void givesLibtorchsOutputAndGradientBitForBit() {
        Compute compute = Compute.cpu(1);
        int[][] shapes = {{4, 3, 8, 8}, {2, 5, 7, 9}, {3, 2, 2, 3}, {128, 6, 28, 28}};
        SplittableRandom rng = new SplittableRandom(11);
        for (int[] s : shapes) {
            for (int kind = 0; kind < 3; kind++) {
                int size = s[0] * s[1] * s[2] * s[3];
                float[] v = new float[size];
                for (int i = 0; i < size; i++) {
                    v[i] = switch (kind) {
                        case 0 -> (float) Math.max(0, rng.nextGaussian());
                        case 1 -> rng.nextInt(3) - 1;
                        default -> rng.nextInt(50) == 0 ? Float.NaN : rng.nextInt(4) == 0 ? -0f : (float) rng.nextGaussian();
                    };
                }
                float[] upstream = new float[size];
                for (int i = 0; i < size; i++) {
                    upstream[i] = (float) rng.nextGaussian();
                }
                float[][] ours = poolAndGrad(compute, v, upstream, s, true);
                float[][] torch = poolAndGrad(compute, v, upstream, s, false);
                String what = java.util.Arrays.toString(s) + " kind " + kind;
                assertArrayEquals(bits(torch[0]), bits(ours[0]), "output " + what);
                assertArrayEquals(bits(torch[1]), bits(ours[1]), "gradient " + what);
            }
        }
    }

    private static float[][] poolAndGrad(Compute compute, float[] v, float[] upstream, int[] s, boolean ours) {
        try (NDManager m = compute.newManager()) {
            NDArray x = m.create(v, new Shape(s[0], s[1], s[2], s[3]));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine(Compute.ENGINE).newGradientCollector()) {
                NDArray y = ours ? Layers.maxPool2(x)
                        : Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
                long n = y.size();
                NDArray u = m.create(java.util.Arrays.copyOf(upstream, (int) n), y.getShape());
                gc.backward(y.mul(u).sum());
                return new float[][] {y.toFloatArray(), x.getGradient().toFloatArray()};
            }
        }
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }
}
