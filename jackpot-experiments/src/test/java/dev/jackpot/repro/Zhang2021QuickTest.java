package dev.jackpot.repro;

import dev.jackpot.report.Claim;
import dev.jackpot.sweep.SweepListener;
import dev.jackpot.sweep.SweepRunner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every available figure at quick scale and asserts that each claim of the paper is
 * reproduced by the data (the claims are checked from the rows, never tuned: if one fails here, the
 * report says so with its numbers, and this test fails with them).
 */
class Zhang2021QuickTest {

    static List<Integer> figures() {
        return Zhang2021.figures();
    }

    @ParameterizedTest(name = "figure {0}")
    @MethodSource("figures")
    void quickScaleReproducesEveryClaim(int figure, @TempDir Path root) throws Exception {
        Zhang2021.FigureRun run = Zhang2021.run(figure, Scale.QUICK, root, 2, new SweepRunner(), SweepListener.NONE);
        assertTrue(run.complete());
        assertFalse(run.claims().isEmpty());
        for (Claim c : run.claims()) {
            assertTrue(c.reproduced(), "figure " + figure + ": '" + c.claim() + "' not reproduced: " + c.statistic()
                    + " = " + c.value() + "; " + c.detail());
        }
        assertTrue(Files.size(run.layout().dir().resolve("report.html")) > 1000);
        assertTrue(Files.exists(run.layout().dir().resolve("report.md")));
        try (var plots = Files.list(run.layout().plots())) {
            assertTrue(plots.anyMatch(p -> p.toString().endsWith(".svg")));
        }
    }
}
