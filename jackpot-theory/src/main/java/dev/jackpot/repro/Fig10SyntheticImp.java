package dev.jackpot.repro;

import dev.jackpot.plot.Charts;
import dev.jackpot.report.Claim;
import dev.jackpot.report.Figure;
import dev.jackpot.report.Table;
import dev.jackpot.run.RunWriter;
import dev.jackpot.store.TrialRow;
import dev.jackpot.sweep.Axis;
import dev.jackpot.sweep.ImpSpec;
import dev.jackpot.sweep.Procedure;
import dev.jackpot.sweep.Stats;
import dev.jackpot.sweep.SweepSpec;
import dev.jackpot.teacher.InitSpec;
import dev.jackpot.teacher.TeacherSpec;
import dev.jackpot.teacher.TeacherTrialSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figure 10: iterative magnitude pruning on the synthetic task (section 4.3). Oracle K = 5, d = 100,
 * r*_j = 20, sigma / E_y = 1e-3; IMP prunes 10% of the remaining weights per round (read off the
 * paper's marker positions) down to 12% density, rewinding the survivors to W(0) and retraining
 * with Algorithm 1. The paper does not state W(0): here it is W* plus a dense perturbation at
 * relative distance 0.3.
 */
final class Fig10SyntheticImp implements PaperFigure {

    @Override
    public int number() {
        return 10;
    }

    @Override
    public String title() {
        return "Test error of IMP-pruned models on synthetic data";
    }

    @Override
    public SweepSpec sweep(Scale scale) {
        boolean paper = scale == Scale.PAPER;
        TeacherTrialSpec base = TeacherTrialSpec.defaults(5, 100, 200, 20, 1)
                .withTeacher(TeacherSpec.of(5, 100, 20).withNoise(1e-3)).withInit(InitSpec.lambda(0.3))
                .withTestSamples(paper ? 100_000 : 5_000);
        Axis n = paper ? new Axis("n", null, new Axis.Range(100, 350, 50)) : Axis.of("n", 100, 200, 350);
        return new SweepSpec(2021_10, base, List.of(n), paper ? 20 : 2, Procedure.IMP, ImpSpec.DEFAULT);
    }

    @Override
    public Analysis analyse(SweepSpec sweep, List<TrialRow> rows, RunWriter writer) throws IOException {
        double[] n = Grids.axis(sweep, 0);
        int rounds = sweep.imp().rounds() + 1;
        Map<Integer, List<TrialRow>> cells = Stats.byCell(rows);
        double[][] error = new double[n.length][rounds];
        double[][] spread = new double[n.length][rounds];
        double[] pruned = new double[rounds];
        for (int i = 0; i < n.length; i++) {
            List<TrialRow> cell = cells.getOrDefault(i, List.of());
            for (int k = 0; k < rounds; k++) {
                double[] v = Stats.values(cell, "r" + k + ".testError");
                error[i][k] = Stats.mean(v);
                spread[i][k] = Stats.std(v);
                pruned[k] = 100 * (1 - Stats.mean(Stats.values(cell, "r" + k + ".density")));
            }
        }
        List<Charts.Band> bands = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            bands.add(new Charts.Band("N = " + (long) n[i], pruned, error[i], spread[i]));
        }
        writer.plot("fig10-imp", Charts.bands("Fig. 10: IMP on synthetic data (K=5, d=100, r*=20, noise 1e-3)", "pruning ratio (%)",
                "test error (mean +/- std over " + sweep.trials() + " trials, log scale)", false, true, bands));

        double densityFloor = 100.0 * (1 - (double) sweep.base().teacher().r() / sweep.base().teacher().d());
        int improved = 0;
        int learners = 0;
        int uShaped = 0;
        double worstGain = Double.POSITIVE_INFINITY;
        List<List<String>> table = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            double bestAt = 0;
            for (int k = 0; k < rounds; k++) {
                if (pruned[k] <= densityFloor + 1e-9 && error[i][k] < best) {
                    best = error[i][k];
                    bestAt = pruned[k];
                }
            }
            double gain = error[i][0] / best;
            if (n[i] > 100) {
                learners++;
                improved += gain > 1.25 ? 1 : 0;
                uShaped += error[i][rounds - 1] > 2 * best ? 1 : 0;
                worstGain = Math.min(worstGain, gain);
            }
            table.add(List.of(Grids.fmt(n[i]), Grids.fmt(error[i][0]), Grids.fmt(best), Grids.fmt(bestAt),
                    Grids.fmt(error[i][rounds - 1])));
        }
        int ordered = 0;
        int pairs = 0;
        for (int k = 0; k < rounds; k++) {
            for (int i = 1; i < n.length; i++) {
                pairs++;
                ordered += error[i][k] <= error[i - 1][k] ? 1 : 0;
            }
        }
        double orderedFraction = (double) ordered / pairs;
        List<Claim> claims = List.of(
                new Claim("10", "For N > 100, the test error decreases as the pruning ratio increases (up to "
                        + Grids.fmt(densityFloor) + "%)", learners > 0 && improved == learners,
                        "smallest ratio of dense to best pruned test error over N > 100", worstGain,
                        improved + " of " + learners + " sample sizes improve by more than 1.25x from the dense model to "
                                + "the best model with pruning ratio at most 1 - r*/d"),
                new Claim("10", "At a fixed pruning ratio, the test error decreases as N increases", orderedFraction >= 0.9,
                        "fraction of (pruning ratio, consecutive N) pairs in which the larger N has the lower error",
                        orderedFraction, ordered + " of " + pairs + " pairs; reproduced at 90% or more"),
                new Claim("10", "Over-pruning (pruning ratio above 1 - r*/d = " + Grids.fmt(densityFloor)
                        + "%) makes the test error large again", learners > 0 && uShaped == learners,
                        "sample sizes N > 100 whose error at the last round exceeds twice their best", uShaped,
                        uShaped + " of " + learners + " sample sizes show the U-shape"));
        return new Analysis("Iterative magnitude pruning (10% of the remaining weights per round, rewinding to W(0), "
                + "retraining with Algorithm 1) of a dense learner on data from a pruned teacher with label noise "
                + "1e-3, " + sweep.trials() + " trials per N. W(0) = W* plus a dense perturbation at relative distance "
                + "0.3 (the paper does not state its initialisation).",
                List.of(new Figure("fig10-imp", "Test error against pruning ratio, one line per N.")),
                List.of(new Table("Test error per sample size", List.of("N", "dense", "best pruned", "at ratio (%)",
                        "last round"), table)), claims);
    }
}
