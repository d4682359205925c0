package dev.jackpot.nn.stability;

import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.FashionMnist;
import dev.jackpot.nn.lottery.LotteryListener;
import dev.jackpot.nn.lottery.LotterySpec;
import dev.jackpot.report.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class StabilityTest {

    private static LotterySpec tiny() {
        return LotterySpec.lenet300Fashion().toBuilder().subsample(600).testSubsample(500).epochs(1).levels(1)
                .replicates(2).controls(List.of()).build();
    }

    @Test
    void aSmallStudyEvaluatesEveryPathAndResumesCellByCell(@TempDir Path root) throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        StabilitySpec spec = new StabilitySpec(tiny(), List.of(0, 1), List.of(0L, 5L), 2, 4, 2);
        Stability.Result r = Stability.run(spec, root, Compute.cpu(1), LotteryListener.NONE, Stability.Listener.NONE);
        assertEquals(8, r.cells().size());
        assertEquals(8, r.computed());
        for (Stability.Cell c : r.cells()) {
            assertEquals(5, c.errors().length);
            // the endpoints are the two copies: their errors are the copies' own test errors
            assertEquals(1 - c.accuracyA(), c.errors()[0], 0.0);
            assertEquals(1 - c.accuracyB(), c.errors()[4], 0.0);
            assertTrue(c.barrierPoints() >= 0);
        }
        assertEquals(0.8, r.cells().stream().filter(c -> c.level() == 1).findFirst().orElseThrow().density(), 0.01);
        assertEquals(3, r.claims().size());
        for (String f : List.of("report.html", "result.json", "plots/barrier-vs-k.png", "plots/path-k-5.png")) {
            assertTrue(Files.isRegularFile(r.layout().dir().resolve(f)), f);
        }
        // a stopped study resumes: delete one cell and only it is computed again, with the same numbers
        Path one = r.layout().dir().resolve("cells/rep-1-k-5-level-1.json");
        Stability.Cell before = r.cells().get(7);
        Files.delete(one);
        Stability.Result again = Stability.run(spec, root, Compute.cpu(1), LotteryListener.NONE, Stability.Listener.NONE);
        assertEquals(1, again.computed());
        assertEquals(before.barrierPoints(), again.cells().get(7).barrierPoints(), 0.0, "bit-identical rerun");
    }

    private static Stability.Cell cell(int r, int level, long k, double barrierPoints, double acc) {
        double e = 1 - acc;
        return new Stability.Cell(r, level, level == 0 ? 1 : 0.2, k, new double[] {e, e + barrierPoints / 100, e}, acc,
                acc);
    }

    @Test
    void claimsFollowTheIntervals() {
        StabilitySpec spec = new StabilitySpec(tiny(), List.of(0, 1), List.of(0L, 100L), 2, 2, 2);
        List<Stability.Cell> cells = new ArrayList<>();
        double[] w = {0.1, -0.1};
        for (int r = 0; r < 2; r++) {
            cells.add(cell(r, 0, 0, 0.3 + w[r], 0.85 + w[r] / 100));
            cells.add(cell(r, 1, 0, 10 + w[r], 0.80 + w[r] / 100));     // unstable at k = 0, and worse
            cells.add(cell(r, 0, 100, 0.2 + w[r], 0.85 + w[r] / 100));
            cells.add(cell(r, 1, 100, 0.4 + w[r], 0.851 + w[r] / 100)); // stable at k = 100, and matching
        }
        List<Claim> c = Stability.claims(spec, cells);
        assertEquals(Claim.Status.REPRODUCED, c.get(0).status(), c.get(0).detail());
        assertEquals(Claim.Status.REPRODUCED, c.get(1).status(), c.get(1).detail());
        assertEquals(Claim.Status.REPRODUCED, c.get(2).status(), c.get(2).detail());
        // without a pruned level or the dense reference, the ticket claims are not tested
        StabilitySpec denseOnly = new StabilitySpec(tiny(), List.of(0), List.of(0L), 2, 2, 2);
        assertEquals(Claim.Status.NOT_TESTED, Stability.claims(denseOnly, cells).get(1).status());
        assertThrows(IllegalArgumentException.class, () -> new StabilitySpec(tiny(), List.of(5), List.of(0L), 1, 30, 2));
        assertThrows(IllegalArgumentException.class, () -> new StabilitySpec(tiny(), List.of(0), List.of(-1L), 1, 30, 2));
        assertThrows(IllegalArgumentException.class, () -> new StabilitySpec(tiny(), List.of(0), List.of(0L), 3, 30, 2));
    }
}
