package dev.jackpot.nn.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The installed Fashion-MNIST (Debian's dataset-fashion-mnist); skipped when it is not installed. */
class FashionMnistTest {

    @Test
    void debianInstallHasTheDocumentedShapeCountsAndStatistics() throws Exception {
        Optional<Path> dir = FashionMnist.locate();
        assumeTrue(dir.isPresent(), "dataset-fashion-mnist is not installed");
        DataSplit s = FashionMnist.load(dir.get());
        assertEquals(60_000, s.train().size());
        assertEquals(10_000, s.test().size());
        assertEquals(28, s.train().height());
        assertEquals(28, s.train().width());
        int[] six = new int[10];
        java.util.Arrays.fill(six, 6000);
        assertArrayEquals(six, s.train().classCounts());
        Normalisation n = Normalisation.fit(s.train());
        // Design note (weak-lth.md, section 7): pixel mean 0.2860, std 0.3530 on the [0, 1] scale.
        assertEquals(0.2860, n.mean()[0], 5e-5);
        assertEquals(0.3530, n.std()[0], 5e-5);
    }
}
