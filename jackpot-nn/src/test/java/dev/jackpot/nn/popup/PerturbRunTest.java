package dev.jackpot.nn.popup;

import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerturbRunTest {

    private static RunLayout layout(Path root) {
        return new RunLayout(root, RunId.of(PerturbRun.KIND, SpecCodec.json().createObjectNode().put("x", 1),
                SpecCodec.json().createObjectNode()));
    }

    @Test
    void keptCellsComeBackBitForBitIncludingInfiniteValues(@TempDir Path root) {
        PerturbRun.FileCells cells = new PerturbRun.FileCells(layout(root), 2);
        assertEquals(Optional.empty(), cells.load(0.001, 0.3));
        PerturbedStrongLth.Cell a = new PerturbedStrongLth.Cell(0.001, 0.3, 0.1 + 0.2, Double.POSITIVE_INFINITY,
                Math.nextUp(0.001));
        PerturbedStrongLth.Cell sgd = new PerturbedStrongLth.Cell(Double.POSITIVE_INFINITY, 0, 0.76, 0.5, 0.175);
        cells.save(a);
        cells.save(sgd);
        assertEquals(Optional.of(a), cells.load(0.001, 0.3));
        assertEquals(Optional.of(sgd), cells.load(Double.POSITIVE_INFINITY, 0));
        assertTrue(Files.isRegularFile(layout(root).cell("eps=0.001_s=0.3")));
    }

    @Test
    void aCellFromAnotherThreadCountOrAMalformedFileIsRefusedWithItsName(@TempDir Path root) throws Exception {
        new PerturbRun.FileCells(layout(root), 2).save(new PerturbedStrongLth.Cell(0.01, 0.5, 0.8, 0.4, 0.01));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PerturbRun.FileCells(layout(root), 1).load(0.01, 0.5));
        assertTrue(e.getMessage().contains("2 intra-op threads") && e.getMessage().contains("--threads 2"),
                e.getMessage());
        Files.writeString(layout(root).cell("eps=0.02_s=0.5"), "{\"threads\": 1, \"eps\": \"zero\"}");
        UncheckedIOException bad = assertThrows(UncheckedIOException.class,
                () -> new PerturbRun.FileCells(layout(root), 1).load(0.02, 0.5));
        assertTrue(bad.getMessage().contains("delete it to recompute"), bad.getMessage());
    }
}
