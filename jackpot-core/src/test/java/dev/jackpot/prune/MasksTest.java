package dev.jackpot.prune;

import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MasksTest {

    static NamedTensor t(String name, float... v) {
        return new NamedTensor(name, new int[]{v.length}, v);
    }

    @Test
    void validateAcceptsExactZeroAndOneOnly() {
        Masks.validate(TensorSet.of(t("a", 0, 1, 1, 0)));
        for (float bad : new float[]{-0.0f, 0.5f, Float.NaN, 2f, Float.intBitsToFloat(0x3f800001)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Masks.validate(TensorSet.of(t("a", 1, bad))));
            assertTrue(e.getMessage().contains("flat index 1"), e.getMessage());
        }
    }

    @Test
    void densityOverallAndPerLayer() {
        TensorSet m = TensorSet.of(t("a", 1, 0, 0, 0), t("b", 1, 1));
        assertEquals(0.5, Masks.density(m));
        assertEquals(0.25, Masks.densityPerLayer(m).get("a"));
        assertEquals(1.0, Masks.density(m, List.of("b")));
        assertEquals(List.of("a", "b"), List.copyOf(Masks.densityPerLayer(m).keySet()));
    }

    @Test
    void applyZeroesMaskedEntriesAndKeepsOthersBitIdentical() {
        float nanPayload = Float.intBitsToFloat(0x7fc00123);
        TensorSet w = TensorSet.of(t("a", -3f, nanPayload, -0.0f, Float.MIN_VALUE), t("bias", 5f));
        TensorSet m = TensorSet.of(t("a", 0, 1, 1, 0));
        Masks.apply(w, m);
        assertEquals(0, Float.floatToRawIntBits(w.get("a").values()[0]));
        assertEquals(0x7fc00123, Float.floatToRawIntBits(w.get("a").values()[1]));
        assertEquals(0x80000000, Float.floatToRawIntBits(w.get("a").values()[2]));
        assertEquals(0, Masks.maskedNonZero(w, m));
        assertEquals(5f, w.get("bias").values()[0]);
        Masks.requireMaskedZero(w, m, "weights");
    }

    @Test
    void maskedZeroCheckNamesTheEntry() {
        TensorSet w = TensorSet.of(t("a", 1f, 2f, -0.0f));
        TensorSet m = TensorSet.of(t("a", 1, 0, 0));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Masks.requireMaskedZero(w, m, "final weights"));
        assertTrue(e.getMessage().contains("a[1]") && e.getMessage().contains("1 such"), e.getMessage());
    }

    @Test
    void nestednessAndOverlap() {
        TensorSet parent = TensorSet.of(t("a", 1, 1, 1, 0), t("b", 1, 1));
        TensorSet child = TensorSet.of(t("a", 1, 0, 1, 0), t("b", 0, 1));
        assertTrue(Masks.isNested(child, parent));
        assertFalse(Masks.isNested(parent, child));
        MaskOverlap o = Masks.overlap(parent, child);
        assertEquals(3, o.intersection());
        assertEquals(5, o.union());
        assertEquals(0.6, o.jaccard(), 1e-15);
        assertEquals(2.0 / 3, o.perLayer().get("a"), 1e-15);
        assertEquals(0.5, o.perLayer().get("b"));
        TensorSet empty = TensorSet.of(t("a", 0, 0));
        assertEquals(1.0, Masks.overlap(empty, empty).jaccard());
        assertThrows(IllegalArgumentException.class, () -> Masks.overlap(parent, TensorSet.of(t("a", 1, 1, 1, 0))));
    }

    @Test
    void shapeMismatchIsReported() {
        TensorSet w = TensorSet.of(new NamedTensor("a", new int[]{2, 2}, new float[4]));
        TensorSet m = TensorSet.of(t("a", 1, 1, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Masks.apply(w, m));
        assertTrue(e.getMessage().contains("shape [4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Masks.apply(w, TensorSet.of(t("b", 1))));
    }
}
