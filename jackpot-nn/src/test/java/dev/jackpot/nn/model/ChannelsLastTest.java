package dev.jackpot.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.jackpot.nn.Compute;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ResNets store their activations channels last on a CPU; the values must be those of the NCHW layout. */
class ChannelsLastTest {

    private static final Compute CPU = Compute.cpu(1);

    @Test
    void theLayoutKeepsTheLogicalValues() {
        try (NDManager m = CPU.newManager()) {
            for (int c : new int[] {1, 3}) {
                float[] v = new float[2 * c * 5 * 4];
                for (int i = 0; i < v.length; i++) {
                    v[i] = i * 0.25f - 3;
                }
                NDArray x = m.create(v, new Shape(2, c, 5, 4));
                NDArray nhwc = Layers.channelsLast(x);
                assertEquals(x.getShape(), nhwc.getShape());
                assertArrayEquals(v, nhwc.toFloatArray(), "C = " + c);
                // the same values in the same logical places, whatever the strides
                assertEquals(v[(1 * c + (c - 1)) * 20 + 2 * 4 + 3], nhwc.get(1, c - 1, 2, 3).getFloat());
            }
            assertThrows(IllegalArgumentException.class, () -> Layers.channelsLast(m.zeros(new Shape(2, 3))));
        }
    }

    /** Training-mode forward, gradients of every trainable parameter and the running statistics, in both layouts. */
    @Test
    void aResNetInEitherLayoutGivesTheSameOutputsGradientsAndStatistics() {
        for (int channels : new int[] {1, 3}) {
            int[] input = {channels, 8, 8};
            Network last = new CifarResNet(8, input, 4);
            Network nchw = new CifarResNet(8, input, 4, false);
            TensorSet w = Initialiser.initialise(last, 3, InitScheme.KAIMING_NORMAL);
            Rng rng = Seeds.stream(5, "channels-last", channels);
            float[] x = new float[6 * channels * 64];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            float[] probe = new float[6 * 4];
            for (int i = 0; i < probe.length; i++) {
                probe[i] = (float) rng.nextGaussian();
            }
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                Map<String, double[]> a = step(last, w, x, probe, type);
                Map<String, double[]> b = step(nchw, w, x, probe, type);
                assertEquals(a.keySet(), b.keySet());
                double tolerance = type == DataType.FLOAT32 ? 2e-5 : 1e-12;
                for (String k : a.keySet()) {
                    assertClose(b.get(k), a.get(k), tolerance, channels + " channels, " + type + ", " + k);
                }
            }
        }
    }

    /** @return the logits, the gradient of each trainable parameter, and each buffer after the step, by name */
    private static Map<String, double[]> step(Network net, TensorSet w, float[] x, float[] probe, DataType type) {
        int[] in = net.inputShape();
        Map<String, double[]> out = new LinkedHashMap<>();
        try (NDManager m = CPU.newManager()) {
            Map<String, NDArray> p = new LinkedHashMap<>();
            for (ParameterSpec s : net.parameters()) {
                NamedTensor t = w.get(s.name());
                NDArray a = Parameters.toArray(m, t).toType(type, false);
                a.setRequiresGradient(s.kind().trainable());
                p.put(s.name(), a);
            }
            NDArray batch = m.create(x, new Shape(6, in[0], in[1], in[2])).toType(type, false);
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray logits = net.forward(p, batch, true);
                out.put("logits", logits.toType(DataType.FLOAT64, false).toDoubleArray());
                gc.backward(logits.mul(m.create(probe, new Shape(6, 4)).toType(type, false)).sum());
            }
            for (ParameterSpec s : net.parameters()) {
                NDArray a = p.get(s.name());
                NDArray v = s.kind().trainable() ? a.getGradient() : a;
                out.put(s.name() + (s.kind().trainable() ? " gradient" : ""), v.toType(DataType.FLOAT64, false).toDoubleArray());
            }
        }
        return out;
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance * Math.max(scale, 1e-3),
                    what + "[" + i + "]: " + expected[i] + " against " + actual[i] + " (scale " + scale + ")");
        }
    }
}
