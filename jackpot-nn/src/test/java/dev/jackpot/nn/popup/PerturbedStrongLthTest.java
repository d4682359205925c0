package dev.jackpot.nn.popup;

import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.rng.Rng;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerturbedStrongLthTest {

    private static ImageDataset images(String name, int n, long seed) {
        Rng rng = Rng.of(seed);
        byte[] px = new byte[n * 784];
        byte[] lab = new byte[n];
        for (int i = 0; i < n; i++) {
            lab[i] = (byte) (i % 10);
            for (int j = 0; j < 784; j++) {
                px[i * 784 + j] = (byte) (rng.nextInt(100) + (j % 10 == i % 10 ? 150 : 0));
            }
        }
        return new ImageDataset(name, 1, 28, 28, 10, px, lab);
    }

    @Test
    void tinyGridHasEveryCellAndPicksOneSparsityPerEps() {
        PerturbSpec spec = new PerturbSpec("custom", List.of(8), 60, 20, 40, List.of(0.0, 0.02), List.of(0.3, 0.7),
                1, 1, 20, 0.05, 4);
        PerturbedStrongLth.Result r = new PerturbedStrongLth(Compute.cpu(1), spec)
                .run(DataSplit.of(images("train", 100, 1), images("test", 50, 2)), (c, done, total) -> { });
        assertEquals(6, r.cells().size());
        assertEquals(2, r.best().size());
        for (PerturbedStrongLth.Cell b : r.best()) {
            double minLoss = r.cells().stream().filter(c -> c.eps() == b.eps() && c.pruned() > 0)
                    .mapToDouble(PerturbedStrongLth.Cell::validationLoss).min().orElseThrow();
            assertEquals(minLoss, b.validationLoss());
        }
        for (PerturbedStrongLth.Cell c : r.cells()) {
            assertTrue(c.testAccuracy() >= 0 && c.testAccuracy() <= 1);
        }
        assertTrue(r.sgdOnly() >= 0 && r.sgdOnly() <= 1);
    }

    @Test
    void specRejectsImpossibleValuesWithSentences() {
        assertThrows(IllegalArgumentException.class, () -> PerturbSpec.quick(1).withGrids(List.of(0.01, 0.0), List.of(0.5)));
        assertThrows(IllegalArgumentException.class, () -> PerturbSpec.quick(1).withGrids(List.of(-0.1), List.of(0.5)));
        assertThrows(IllegalArgumentException.class, () -> PerturbSpec.quick(1).withGrids(List.of(0.0), List.of(1.0)));
        assertEquals(11, PerturbSpec.quick(1).epsilons().size());
    }
}
