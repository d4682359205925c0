package dev.jackpot.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.jackpot.nn.Compute;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java update against the libtorch element-wise ops it replaced: SGD bit for bit; Adam bit for bit in
 * its moments and within an ulp of the weight's step (libtorch's vectorised square root, MKL's, is not
 * correctly rounded; Java's is); masked entries +0.0.
 */
class OptimizerStepTest {

    private static final Compute CPU = Compute.cpu(1);
    private static final int N = 20_000;

    private final SplittableRandom random = new SplittableRandom(17);
    private final float[] w = fill(0.1, 0);
    private final float[] g = new float[N];
    private final float[] m = fill(1e-3, 0);
    private final float[] v = new float[N];
    private final float[] mask = new float[N];

    OptimizerStepTest() {
        for (int k = 0; k < N; k++) {
            g[k] = (float) (random.nextGaussian() * Math.pow(10, -random.nextInt(7)));
            v[k] = (float) (Math.abs(random.nextGaussian()) * 1e-6);
            mask[k] = random.nextDouble() < 0.4 ? 0f : 1f;
        }
        w[0] = -0f;
        mask[0] = 1f;
        w[1] = -0.25f;
        mask[1] = 0f;
    }

    private float[] fill(double scale, int zeros) {
        float[] a = new float[N];
        for (int k = zeros; k < N; k++) {
            a[k] = (float) (random.nextGaussian() * scale);
        }
        return a;
    }

    @Test
    void sgdIsLibtorchsSgdBitForBit() {
        for (double wd : new double[] {0, 5e-4}) {
            for (String kind : new String[] {"plain", "momentum", "nesterov"}) {
                for (boolean masked : new boolean[] {false, true}) {
                    TrainSpec spec = TrainSpec.sgd(0.05, 60, 1, 1).withWeightDecay(wd);
                    if (!kind.equals("plain")) {
                        spec = spec.withMomentum(0.9, kind.equals("nesterov"));
                    }
                    float[] wj = w.clone();
                    float[] bj = kind.equals("plain") ? null : m.clone();
                    new OptimizerStep(spec).sgd(wj, g.clone(), bj, masked ? mask : null, 0.05);
                    try (NDManager nd = CPU.newManager()) {
                        NDArray wt = nd.create(w);
                        NDArray bt = nd.create(m);
                        NDArray mt = nd.create(mask);
                        NDArray d = masked ? nd.create(g).mul(mt) : nd.create(g);
                        if (wd > 0) {
                            d = d.add(wt.mul((float) wd));
                        }
                        if (bj != null) {
                            bt.muli(0.9f).addi(d);
                            d = kind.equals("nesterov") ? d.add(bt.mul(0.9f)) : bt;
                        }
                        wt.subi(d.mul(0.05f));
                        if (masked) {
                            MaskedTrainer.applyMask(wt, mt);
                            MaskedTrainer.applyMask(bt, mt);
                        }
                        String what = kind + " wd " + wd + (masked ? " masked" : "");
                        assertBits(wt.toFloatArray(), wj, what + ": weights");
                        if (bj != null) {
                            assertBits(bt.toFloatArray(), bj, what + ": momentum");
                        }
                    }
                }
            }
        }
    }

    @Test
    void adamMatchesLibtorchsAdamToTheSquareRootsRounding() {
        for (boolean masked : new boolean[] {false, true}) {
            TrainSpec spec = TrainSpec.adam(1.2e-3, 60, 1, 1).withWeightDecay(1e-4);
            float[] wj = w.clone();
            float[] mj = m.clone();
            float[] vj = v.clone();
            long t = 7;
            new OptimizerStep(spec).adam(wj, g.clone(), mj, vj, masked ? mask : null, 1.2e-3, t);
            try (NDManager nd = CPU.newManager()) {
                NDArray wt = nd.create(w);
                NDArray mt = nd.create(m);
                NDArray vt = nd.create(v);
                NDArray mk = nd.create(mask);
                NDArray d = masked ? nd.create(g).mul(mk) : nd.create(g);
                d = d.add(wt.mul(1e-4f));
                mt.muli(0.9f).addi(d.mul((float) (1 - 0.9)));
                vt.muli(0.999f).addi(d.square().mul((float) (1 - 0.999)));
                NDArray denom = vt.div((float) (1 - Math.pow(0.999, t))).sqrt().add(1e-8f);
                wt.subi(mt.div(denom).mul((float) (1.2e-3 / (1 - Math.pow(0.9, t)))));
                if (masked) {
                    MaskedTrainer.applyMask(wt, mk);
                    MaskedTrainer.applyMask(mt, mk);
                    MaskedTrainer.applyMask(vt, mk);
                }
                assertBits(mt.toFloatArray(), mj, "Adam m" + (masked ? " masked" : ""));
                assertBits(vt.toFloatArray(), vj, "Adam v" + (masked ? " masked" : ""));
                float[] wl = wt.toFloatArray();
                for (int k = 0; k < N; k++) {
                    float stepJava = w[k] - wj[k];
                    float stepTorch = w[k] - wl[k];
                    assertTrue(Math.abs(stepJava - stepTorch) <= 2 * Math.ulp(stepTorch) + Math.ulp(w[k]),
                            "Adam step " + k + ": " + stepJava + " vs libtorch " + stepTorch);
                }
            }
        }
    }

    @Test
    void maskedEntriesArePositiveZeroAndKeptNegativeZeroTurnsPositive() {
        float[] wj = w.clone();
        float[] mj = m.clone();
        float[] vj = v.clone();
        new OptimizerStep(TrainSpec.adam(1e-3, 60, 1, 1)).adam(wj, g.clone(), mj, vj, mask, 1e-3, 1);
        for (int k = 0; k < N; k++) {
            if (mask[k] == 0) {
                assertEquals(0, Float.floatToRawIntBits(wj[k]), "weight " + k);
                assertEquals(0, Float.floatToRawIntBits(mj[k]), "m " + k);
                assertEquals(0, Float.floatToRawIntBits(vj[k]), "v " + k);
            }
        }
        float[] plain = {-0f, 1f};
        new OptimizerStep(TrainSpec.sgd(0.1, 60, 1, 1)).sgd(plain, new float[] {0f, 0f}, null, new float[] {1f, 1f}, 0.1);
        assertEquals(0, Float.floatToRawIntBits(plain[0]), "a kept -0.0 is written as +0.0, as libtorch's x * M + 0");
    }

    @Test
    void computeReadsAndWritesATensorsStorage() {
        try (NDManager nd = CPU.newManager()) {
            NDArray a = nd.zeros(new ai.djl.ndarray.types.Shape(3, 4));
            float[] values = new float[12];
            for (int k = 0; k < 12; k++) {
                values[k] = k * 0.5f - 2;
            }
            Compute.write(a, values);
            assertArrayEquals(values, a.toFloatArray());
            float[] back = new float[12];
            Compute.read(a.mul(2), back);
            for (int k = 0; k < 12; k++) {
                assertEquals(values[k] * 2, back[k]);
            }
            assertThrows(IllegalArgumentException.class, () -> Compute.write(a, new float[11]));
            assertThrows(IllegalArgumentException.class, () -> Compute.read(a, new float[13]));
        }
    }

    private static void assertBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int k = 0; k < expected.length; k++) {
            if (Float.floatToRawIntBits(expected[k]) != Float.floatToRawIntBits(actual[k])) {
                throw new AssertionError(what + " differ at " + k + ": libtorch " + expected[k] + ", Java " + actual[k]);
            }
        }
    }
}
