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

    /** Cells in memory, counting saves. */
    private static final class MapCells implements PerturbedStrongLth.CellStore {
        final java.util.Map<String, PerturbedStrongLth.Cell> cells = new java.util.TreeMap<>();
        int saves;

        @Override
        public java.util.Optional<PerturbedStrongLth.Cell> load(double eps, double pruned) {
            return java.util.Optional.ofNullable(cells.get(eps + "/" + pruned));
        }

        @Override
        public void save(PerturbedStrongLth.Cell cell) {
            saves++;
            cells.put(cell.eps() + "/" + cell.pruned(), cell);
        }
    }

    @Test
    void anInterruptedTableResumesAtItsFirstUnfinishedCellAndComesOutTheSame() {
        PerturbSpec spec = new PerturbSpec("custom", List.of(8), 60, 20, 40, List.of(0.0, 0.02), List.of(0.3, 0.7),
                1, 1, 20, 0.05, 4);
        DataSplit data = DataSplit.of(images("train", 100, 1), images("test", 50, 2));
        MapCells store = new MapCells();
        PerturbedStrongLth.Result first = new PerturbedStrongLth(Compute.cpu(1), spec).run(data, store, (c, d, t) -> { });
        assertEquals(7, store.saves, "six cells and the SGD-only baseline");

        store.cells.remove("0.02/0.7");
        store.cells.remove("Infinity/0.0");
        store.saves = 0;
        PerturbedStrongLth.Result resumed = new PerturbedStrongLth(Compute.cpu(1), spec).run(data, store, (c, d, t) -> { });
        assertEquals(2, store.saves, "only the missing cells are computed");
        assertEquals(first.cells(), resumed.cells());
        assertEquals(first.best(), resumed.best());
        assertEquals(first.sgdOnly(), resumed.sgdOnly());

        store.saves = 0;
        int[] reported = {0};
        PerturbedStrongLth.Result again = new PerturbedStrongLth(Compute.cpu(1), spec).run(data, store,
                (c, d, t) -> reported[0]++);
        assertEquals(0, store.saves, "a finished table trains nothing");
        assertEquals(7, reported[0], "kept cells are reported as progress");
        assertEquals(first.cells(), again.cells());

        // A kept unpruned cell that the retrained PGD does not reproduce: another environment; refuse to mix.
        PerturbedStrongLth.Cell dense = store.cells.get("0.02/0.0");
        store.cells.put("0.02/0.0", new PerturbedStrongLth.Cell(0.02, 0, dense.testAccuracy() + 0.01,
                dense.validationLoss(), dense.maxDeviation()));
        store.cells.remove("0.02/0.3");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PerturbedStrongLth(Compute.cpu(1), spec).run(data, store, (c, d, t) -> { }));
        assertTrue(e.getMessage().contains("another machine, thread count or code version"), e.getMessage());
    }

    @Test
    void specRejectsImpossibleValuesWithSentences() {
        assertThrows(IllegalArgumentException.class, () -> PerturbSpec.quick(1).withGrids(List.of(0.01, 0.0), List.of(0.5)));
        assertThrows(IllegalArgumentException.class, () -> PerturbSpec.quick(1).withGrids(List.of(-0.1), List.of(0.5)));
        assertThrows(IllegalArgumentException.class, () -> PerturbSpec.quick(1).withGrids(List.of(0.0), List.of(1.0)));
        assertEquals(11, PerturbSpec.quick(1).epsilons().size());
    }
}
