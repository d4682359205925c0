package dev.jackpot.repro;

import dev.jackpot.plot.Heatmaps;
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
import dev.jackpot.teacher.AgdSpec;
import dev.jackpot.teacher.TeacherSpec;
import dev.jackpot.teacher.TeacherTrialSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 2: success rate over (sqrt(r-tilde), initial distance lambda); the radius of the region
 * from which Algorithm 1 succeeds shrinks linearly in sqrt(r-tilde) (Theorem 1, Remark 1.3).
 * Paper: K = 10, d = 500, N = 5000, r_j uniform in [0.9 r~, 1.1 r~], 100 trials, lambda 0.02..0.40.
 * Quick: K = 10, d = 300, N = 1500, sqrt(r~) 7..12, lambda 0.05..0.40, 2 trials.
 */
final class Fig2ConvexRegion implements PaperFigure {

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String title() {
        return "Radius of the local convex region against sqrt(r-tilde)";
    }

    @Override
    public SweepSpec sweep(Scale scale) {
        boolean paper = scale == Scale.PAPER;
        int d = paper ? 500 : 300;
        int n = paper ? 5000 : 1500;
        TeacherTrialSpec base = TeacherTrialSpec.defaults(10, d, n, 100, 1)
                .withTeacher(TeacherSpec.of(10, d, 100).withRSpread(0.1))
                .withAgd(AgdSpec.DEFAULT.withMaxIterations(paper ? 10_000 : 3_000)).withTestSamples(1000);
        List<Object> r = new ArrayList<>();
        for (int s = paper ? 10 : 7; s <= (paper ? 20 : 12); s++) {
            r.add(s * s);
        }
        Axis lambda = paper ? new Axis("init.lambda", null, new Axis.Range(0.02, 0.40, 0.02))
                : new Axis("init.lambda", null, new Axis.Range(0.05, 0.40, 0.05));
        return new SweepSpec(2021_2, base, List.of(new Axis("teacher.r", r, null), lambda), paper ? 100 : 2,
                Procedure.TRIAL, ImpSpec.DEFAULT);
    }

    @Override
    public Analysis analyse(SweepSpec sweep, List<TrialRow> rows, RunWriter writer) throws IOException {
        double[] r = Grids.axis(sweep, 0);
        double[] lambda = Grids.axis(sweep, 1);
        double[] sqrtR = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            sqrtR[i] = Math.sqrt(r[i]);
        }
        double[][] success = Grids.matrix(sweep, rows, Stats::successRate);
        double[][] rTilde = Grids.matrix(sweep, rows, c -> Stats.mean(Stats.values(c, "rTildeOracle")));
        writer.plot("fig2-success", Heatmaps.successGrid("Fig. 2: success rate of Algorithm 1",
                "sqrt(r-tilde) (nominal)", "relative initial distance lambda", sqrtR, lambda, Grids.transpose(success)));
        double[] radius = new double[r.length];
        double[] measured = new double[r.length];
        List<List<String>> table = new ArrayList<>();
        int censored = 0;
        for (int i = 0; i < r.length; i++) {
            radius[i] = Grids.lastBeforeDrop(lambda, success[i], 0.5);
            measured[i] = Math.sqrt(Stats.mean(rTilde[i]));
            censored += radius[i] == lambda[lambda.length - 1] ? 1 : 0;
            table.add(List.of(Grids.fmt(sqrtR[i]), Grids.fmt(measured[i]), Grids.fmt(radius[i])));
        }
        Stats.Fit fit = Stats.line(measured, radius);
        Claim.Status reproduced = fit.slopeSign(false);
        Claim claim = new Claim("2", "The radius of the convex region decreases linearly in sqrt(r-tilde)", reproduced,
                "slope of the radius against sqrt(r-tilde) (R^2 " + Grids.fmt(fit.r2()) + ")", fit.slope(),
                "radius = largest lambda up to which at least half the trials succeed; fit radius = "
                        + Grids.fmt(fit.intercept()) + " + " + Grids.fmt(fit.slope()) + " sqrt(r~). Reproduced when the "
                        + "slope's 90% interval lies below 0 (" + fit.slopeSentence() + "). " + censored + " of " + r.length + " columns succeed at every lambda of "
                        + "the grid (radius censored at the top of the grid).");
        return new Analysis("Success rate (recovery error below 1e-4) over sqrt(r-tilde) and the relative distance "
                + "lambda of W(0) from W*, " + sweep.trials() + " trials per cell, r_j uniform in [0.9 r~, 1.1 r~], "
                + "fully overlapping supports, noiseless. Step: normalised eta = 1.5 (the paper does not state it).",
                List.of(new Figure("fig2-success", "Success rate: white = all trials succeed, black = none.")),
                List.of(new Table("Radius of the success region", List.of("sqrt(r~) nominal", "sqrt(r~) measured",
                        "radius"), table)),
                List.of(claim));
    }
}
