package dev.jackpot.lottery;

import dev.jackpot.report.Claim;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statistics over replicates and the checked claim, on hand-made rows. */
class LotteryReportTest {

    private static BranchSummary row(int rep, int level, String branch, double density, double acc) {
        return new BranchSummary(rep, level, branch, density, Map.of(), acc, 0.5, 1.0, 100, -1, new TreeMap<>());
    }

    private static List<BranchSummary> rows(double ticketAt21, double reinitAt21) {
        List<BranchSummary> r = new ArrayList<>();
        double[] dense = {0.80, 0.82, 0.84};
        for (int rep = 0; rep < 3; rep++) {
            r.add(row(rep, 0, "main", 1.0, dense[rep]));
            r.add(row(rep, 1, "main", 0.5, 0.9));
            r.add(row(rep, 1, "random-reinit", 0.5, 0.95));
            r.add(row(rep, 2, "main", 0.211, ticketAt21));
            r.add(row(rep, 2, "random-reinit", 0.211, reinitAt21));
            r.add(row(rep, 3, "main", 0.05, 0.7));
        }
        return r;
    }

    @Test
    void statsAreMeanAndSampleStd() {
        List<LotteryStats.LevelStats> s = LotteryStats.of(rows(0.81, 0.7));
        assertEquals(6, s.size());
        assertEquals(0.82, s.get(0).accuracy(), 1e-12);
        assertEquals(0.02, s.get(0).accuracyStd(), 1e-12);
        assertEquals(3, s.get(0).replicates());
        assertEquals(Double.NaN, LotteryStats.std(new double[] {1}));
    }

    @Test
    void claimLooksAtTheLevelClosestToTwentyPercent() {
        Claim ok = LotteryReport.claim(LotteryStats.of(rows(0.80, 0.7)));
        assertTrue(ok.reproduced(), ok.detail());
        assertTrue(ok.detail().contains("level 2"), ok.detail());
        assertEquals(-2.0, ok.value(), 1e-9);
        // below dense mean - 1 std
        assertFalse(LotteryReport.claim(LotteryStats.of(rows(0.79, 0.7))).reproduced());
        // re-init not lower
        assertFalse(LotteryReport.claim(LotteryStats.of(rows(0.83, 0.84))).reproduced());
    }
}
