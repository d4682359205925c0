package dev.jackpot.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * Child process of {@link MklVendorCheckTest}: one libtorch product of LeNet-300-100's first layer's shape
 * (128 x 784 times 784 x 300), checked against a double-precision reference. Prints
 * {@code probe error <e>}, the largest {@code |c - ref| / sum_k |a_ik b_kj|} over the product, and
 * {@code probe overridden <b>}, what {@link MklVendorCheck#overridden()} says in this process.
 */
public final class MklProbe {

    private MklProbe() {
    }

    public static void main(String[] args) {
        int m = 128;
        int k = 784;
        int n = 300;
        SplittableRandom rng = new SplittableRandom(7);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rng.nextGaussian();
        }
        float[] c;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(a, new Shape(m, k));
            NDArray y = manager.create(b, new Shape(k, n));
            c = x.matMul(y).toFloatArray();
        }
        double worst = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double ref = 0;
                double scale = 0;
                for (int q = 0; q < k; q++) {
                    double t = (double) a[i * k + q] * b[q * n + j];
                    ref += t;
                    scale += Math.abs(t);
                }
                worst = Math.max(worst, Math.abs(c[i * n + j] - ref) / scale);
            }
        }
        System.out.println("probe error " + worst);
        System.out.println("probe overridden " + MklVendorCheck.overridden());
    }
}
