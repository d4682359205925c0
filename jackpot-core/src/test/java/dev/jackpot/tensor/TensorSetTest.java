package dev.jackpot.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorSetTest {

    @Test
    void shapeMustMatchValues() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new NamedTensor("w", new int[] {2, 3}, new float[5]));
        assertTrue(e.getMessage().contains("6 elements"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NamedTensor("w", new int[] {0}, new float[0]));
        assertThrows(IllegalArgumentException.class, () -> new NamedTensor(" ", new int[] {1}, new float[1]));
        assertEquals(1, new NamedTensor("s", new int[0], new float[1]).size());
    }

    @Test
    void keepsOrderRejectsDuplicatesAndCopiesDeeply() {
        NamedTensor a = NamedTensor.zeros("b", 2);
        NamedTensor b = NamedTensor.zeros("a", 1, 3);
        TensorSet set = TensorSet.of(a, b);
        assertEquals(List.of("b", "a"), set.names());
        assertEquals(5, set.elementCount());
        assertThrows(IllegalArgumentException.class, () -> TensorSet.of(a, NamedTensor.zeros("b", 2)));
        var missing = assertThrows(IllegalArgumentException.class, () -> set.get("c"));
        assertTrue(missing.getMessage().contains("[b, a]"), missing.getMessage());

        TensorSet copy = set.copy();
        assertTrue(copy.sameAs(set));
        assertNotSame(copy.get("a").values(), set.get("a").values());
        copy.get("a").values()[1] = 1f;
        assertFalse(copy.sameAs(set));
    }

    @Test
    void sameAsComparesBitsSoNegativeZeroDiffers() {
        NamedTensor pos = new NamedTensor("w", new int[] {1}, new float[] {0f});
        NamedTensor neg = new NamedTensor("w", new int[] {1}, new float[] {-0f});
        assertFalse(pos.sameAs(neg));
        assertTrue(pos.sameAs(pos.copy()));
    }
}
