package dev.jackpot.nn.stability;

import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinearPathTest {

    private static TensorSet set(float... v) {
        return TensorSet.of(new NamedTensor("w", new int[] {v.length}, v));
    }

    @Test
    void endpointsAreTheNetworksBitForBitAndMaskedEntriesStayZero() {
        TensorSet a = set(1f, -0.0f, 0f, 3f);
        TensorSet b = set(-1f, 0f, -0.0f, 5f);
        TensorSet mask = set(1f, 0f, 0f, 1f);
        LinearPath p = new LinearPath(a, b, mask);
        for (int i = 0; i < 4; i++) {
            assertEquals(Float.floatToRawIntBits(a.get("w").values()[i]),
                    Float.floatToRawIntBits(p.at(0).get("w").values()[i]), "alpha 0, entry " + i);
            assertEquals(Float.floatToRawIntBits(b.get("w").values()[i]),
                    Float.floatToRawIntBits(p.at(1).get("w").values()[i]), "alpha 1, entry " + i);
        }
        for (double alpha : LinearPath.alphas(30)) {
            float[] w = p.at(alpha).get("w").values();
            assertEquals(0f, Math.abs(w[1]));
            assertEquals(0f, Math.abs(w[2]));
        }
        assertArrayEquals(new float[] {0f, 0f, 0f, 4f}, p.at(0.5).get("w").values(), 1e-7f);
        assertThrows(IllegalArgumentException.class, () -> p.at(1.5));
        // a network with a non-zero masked entry is refused
        assertThrows(RuntimeException.class, () -> new LinearPath(set(1f, 2f, 0f, 3f), b, mask));
    }

    @Test
    void alphasAndBarrier() {
        double[] al = LinearPath.alphas(30);
        assertEquals(31, al.length);
        assertEquals(0.0, al[0]);
        assertEquals(1.0, al[30]);
        assertEquals(0.5, al[15], 1e-15);
        // endpoints 0.10 and 0.14, worst 0.30 at the middle: 0.30 - 0.12
        assertEquals(0.18, LinearPath.barrier(new double[] {0.10, 0.30, 0.14}), 1e-15);
        assertEquals(0.0, LinearPath.barrier(new double[] {0.10, 0.10}), 0.0);
        assertThrows(IllegalArgumentException.class, () -> LinearPath.alphas(0));
    }
}
