package dev.jackpot.nn.lottery;

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
        return new BranchSummary(rep, level, branch, density, Map.of(), acc, 0.5, 1.0, 100, Double.NaN, "", -1, new TreeMap<>());
    }

    private static BranchSummary stop(int rep, int level, String branch, double density, long step) {
        return new BranchSummary(rep, level, branch, density, Map.of(), 0.8, 0.5, 1.0, 100, Double.NaN, "", step,
                new TreeMap<>(Map.of(50L, 0.7, 100L, 0.8)));
    }

    /** Early-stop iterations per (level, branch) for replicates 0 and 1: the ticket's minimum is at level 2. */
    private static List<BranchSummary> stopRows() {
        List<BranchSummary> r = new ArrayList<>();
        long[][] ticket = {{900, 1100}, {700, 500}, {300, 500}, {800, -1}};
        double[] density = {1.0, 0.64, 0.41, 0.26};
        for (int rep = 0; rep < 2; rep++) {
            for (int level = 0; level < 4; level++) {
                r.add(stop(rep, level, "main", density[level], ticket[level][rep]));
                if (level > 0) {
                    r.add(stop(rep, level, "random-reinit", density[level], 1000 + 100 * level));
                }
            }
        }
        return r;
    }

    @Test
    void earlyStopStatsAndTheLevelOfTheLeastMeanIteration() {
        List<LotteryStats.LevelStats> s = LotteryStats.of(stopRows());
        LotteryStats.LevelStats dense = s.get(0);
        assertEquals(1000, dense.earlyStop(), 1e-12);
        assertEquals(Math.sqrt(20000), dense.earlyStopStd(), 1e-9);
        // level 3: one replicate recorded none (-1), so the mean is the other's and there is no spread
        LotteryStats.LevelStats l3 = s.stream().filter(x -> x.level() == 3 && x.branch().equals("main")).findFirst()
                .orElseThrow();
        assertEquals(800, l3.earlyStop(), 1e-12);
        assertTrue(Double.isNaN(l3.earlyStopStd()));
        LotteryStats.LevelStats min = LotteryReport.earlyStopMinimum(s).orElseThrow();
        assertEquals(2, min.level());
        assertEquals(400, min.earlyStop(), 1e-12);
        assertTrue(LotteryReport.earlyStopMinimum(LotteryStats.of(rows(0.8, 0.7))).isEmpty());
        assertEquals(400, min.toJson().get("earlyStopMean").asDouble(), 1e-12);
    }

    @Test
    void theReportPlotsTheEarlyStopIterationAndTabulatesIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        LotterySpec spec = LotterySpec.lenet300Fashion().toBuilder().levels(3).replicates(2)
                .controls(List.of(dev.jackpot.prune.Control.RANDOM_REINIT)).build();
        dev.jackpot.tensor.TensorSet mask = dev.jackpot.tensor.TensorSet.of(
                new dev.jackpot.tensor.NamedTensor("fc1.weight", new int[] {2}, new float[] {1f, 0f}));
        List<List<dev.jackpot.tensor.TensorSet>> masks = List.of(List.of(mask, mask, mask, mask),
                List.of(mask, mask, mask, mask));
        Lottery.Result result = new Lottery.Result(new dev.jackpot.experiment.RunLayout(dir, Lottery.id(spec)), spec,
                stopRows(), masks, 0, 1, 1e6, 0.5);
        dev.jackpot.report.Report report = LotteryReport.write(result);
        java.nio.file.Path run = result.layout().dir();
        assertTrue(java.nio.file.Files.isRegularFile(run.resolve("plots/early-stop-vs-density.png")));
        String md = java.nio.file.Files.readString(run.resolve("report.md"));
        assertTrue(md.contains("ticket early-stop it."), md);
        assertTrue(md.contains("400 ± 141"), md);
        assertTrue(report.summary().contains("least at level 2 (density 41.0%): 400 iterations"), report.summary());
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

    /** Five replicates: dense 0.80 + 0.01 r; the ticket at 21% and its re-init control offset from it. */
    private static List<BranchSummary> paired(int reps, double ticketOffset, double reinitOffset, double lowest) {
        List<BranchSummary> r = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            double dense = 0.80 + 0.01 * rep;
            double wobble = 0.0004 * ((rep % 2) * 2 - 1);
            r.add(row(rep, 0, "main", 1.0, dense));
            r.add(row(rep, 1, "main", 0.5, dense));
            r.add(row(rep, 1, "random-reinit", 0.5, dense));
            r.add(row(rep, 2, "main", lowest, dense + ticketOffset + wobble));
            r.add(row(rep, 2, "random-reinit", lowest, dense + ticketOffset + reinitOffset - wobble));
        }
        return r;
    }

    @Test
    void theClaimIsJudgedByPairedIntervalsOverReplicates() {
        Claim ok = LotteryReport.claim(paired(5, 0.001, -0.05, 0.211), 0.5);
        assertEquals(Claim.Status.REPRODUCED, ok.status(), ok.detail());
        assertTrue(ok.detail().contains("At level 2 (density 21.1%), 5 replicates: ticket vs dense matches"), ok.detail());
        assertTrue(ok.detail().contains("90% CI ["), ok.detail());
        assertEquals(0.092, ok.value(), 1e-9); // 0.1 points, less the wobble of odd-numbered replicates
        // the replicates' own dense networks vary by 4 points, but pairing removes that spread
        Claim better = LotteryReport.claim(paired(5, 0.02, -0.05, 0.211), 0.5);
        assertEquals(Claim.Status.REPRODUCED, better.status(), better.detail());
        assertTrue(better.detail().contains("ticket vs dense better"), better.detail());

        Claim worse = LotteryReport.claim(paired(5, -0.03, -0.05, 0.211), 0.5);
        assertEquals(Claim.Status.NOT_REPRODUCED, worse.status(), worse.detail());
        Claim reinitNotLower = LotteryReport.claim(paired(5, 0.001, 0.02, 0.211), 0.5);
        assertEquals(Claim.Status.NOT_REPRODUCED, reinitNotLower.status(), reinitNotLower.detail());
        assertTrue(reinitNotLower.detail().contains("re-init is NOT lower"), reinitNotLower.detail());
        // a margin tighter than the ticket's +/-0.04-point spread around dense is not decided by five replicates
        Claim tight = LotteryReport.claim(paired(5, 0, -0.05, 0.211), 0.03);
        assertEquals(Claim.Status.INCONCLUSIVE, tight.status(), tight.detail());
        assertTrue(tight.detail().contains("replicates would decide it"), tight.detail());
    }

    @Test
    void aRunThatDoesNotMeetTheClaimsConditionsIsNotTestedNeverReproduced() {
        // the known defect: a 2-level, 1-replicate run whose lowest density is 64.1% was reported "reproduced"
        Claim shallow = LotteryReport.claim(paired(1, 0.001, -0.05, 0.641), 0.5);
        assertEquals(Claim.Status.NOT_TESTED, shallow.status(), shallow.detail());
        assertTrue(shallow.detail().contains("reach down to 50.0%") || shallow.detail().contains("64.1%"), shallow.detail());
        assertFalse(shallow.reproduced());
        Claim oneReplicate = LotteryReport.claim(paired(1, 0.001, -0.05, 0.211), 0.5);
        assertEquals(Claim.Status.INCONCLUSIVE, oneReplicate.status(), oneReplicate.detail());
        assertTrue(oneReplicate.detail().contains("no interval from one replicate"), oneReplicate.detail());
        List<BranchSummary> noReinit = new ArrayList<>(paired(5, 0.001, -0.05, 0.211));
        noReinit.removeIf(b -> b.branch().equals("random-reinit"));
        Claim halfTested = LotteryReport.claim(noReinit, 0.5);
        assertEquals(Claim.Status.NOT_TESTED, halfTested.status(), halfTested.detail());
        assertEquals(Claim.Status.NOT_TESTED, LotteryReport.claim(List.of(row(0, 0, "main", 1, 0.8)), 0.5).status());
    }
}
