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
import dev.jackpot.teacher.TeacherTrialSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 6: with noisy labels the relative error of the learned model is linear in sqrt(r-tilde)
 * and proportional to the noise level sigma / E_y (eq. 9). K = 10, d = 300, N = 1000, r_j equal,
 * fully overlapping supports, W(0) at distance 0.2.
 */
final class Fig6Noise implements PaperFigure {

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String title() {
        return "Relative error against sqrt(r-tilde) at different noise levels";
    }

    @Override
    public SweepSpec sweep(Scale scale) {
        boolean paper = scale == Scale.PAPER;
        TeacherTrialSpec base = TeacherTrialSpec.defaults(10, 300, 1000, 10, 1).withTestSamples(1000);
        Axis noise = paper ? Axis.of("teacher.noise", 1e-2, 1e-3, 1e-4, 1e-5) : Axis.of("teacher.noise", 1e-2, 1e-3, 1e-4);
        Axis r = paper ? new Axis("teacher.r", null, new Axis.Range(10, 100, 10)) : Axis.of("teacher.r", 10, 20, 30, 40);
        return new SweepSpec(2021_6, base, List.of(noise, r), paper ? 100 : 2, Procedure.TRIAL, ImpSpec.DEFAULT);
    }

    @Override
    public Analysis analyse(SweepSpec sweep, List<TrialRow> rows, RunWriter writer) throws IOException {
        double[] noise = Grids.axis(sweep, 0);
        double[] r = Grids.axis(sweep, 1);
        double[][] mean = Grids.matrix(sweep, rows, c -> Stats.mean(Stats.values(c, "recoveryError")));
        double[][] std = Grids.matrix(sweep, rows, c -> Stats.std(Stats.values(c, "recoveryError")));
        double[][] rTilde = Grids.matrix(sweep, rows, c -> Stats.mean(Stats.values(c, "rTildeOracle")));
        double[] sqrtR = new double[r.length];
        for (int j = 0; j < r.length; j++) {
            sqrtR[j] = Math.sqrt(rTilde[0][j]);
        }
        List<Charts.Band> bands = new ArrayList<>();
        for (int i = 0; i < noise.length; i++) {
            bands.add(new Charts.Band("sigma/E_y = " + Grids.fmt(noise[i]), sqrtR, mean[i], std[i]));
        }
        writer.plot("fig6-noise", Charts.bands("Fig. 6: relative error with noisy labels (K=10, d=300, N=1000)", "sqrt(r-tilde)",
                "||W - W*|| / ||W*|| (mean +/- std, log scale)", false, true, bands));

        // Proportionality: slope of log error against log noise, per r, averaged.
        double slopeSum = 0;
        int slopes = 0;
        List<List<String>> table = new ArrayList<>();
        for (int j = 0; j < r.length; j++) {
            double[] lx = new double[noise.length];
            double[] ly = new double[noise.length];
            for (int i = 0; i < noise.length; i++) {
                lx[i] = Math.log10(noise[i]);
                ly[i] = Math.log10(mean[i][j]);
            }
            Stats.Fit f = Stats.line(lx, ly);
            if (Double.isFinite(f.slope())) {
                slopeSum += f.slope();
                slopes++;
            }
            List<String> row = new ArrayList<>(List.of(Grids.fmt(r[j]), Grids.fmt(rTilde[0][j])));
            for (int i = 0; i < noise.length; i++) {
                row.add(Grids.fmt(mean[i][j]));
            }
            row.add(Grids.fmt(f.slope()));
            table.add(row);
        }
        double meanSlope = slopes > 0 ? slopeSum / slopes : Double.NaN;
        // Linearity in sqrt(r~): error / noise against sqrt(r~), pooled over noise levels.
        double[] xs = new double[noise.length * r.length];
        double[] ys = new double[xs.length];
        for (int i = 0; i < noise.length; i++) {
            for (int j = 0; j < r.length; j++) {
                xs[i * r.length + j] = sqrtR[j];
                ys[i * r.length + j] = mean[i][j] / noise[i];
            }
        }
        Stats.Fit lin = Stats.line(xs, ys);
        List<String> header = new ArrayList<>(List.of("r", "r-tilde"));
        for (double v : noise) {
            header.add("error at " + Grids.fmt(v));
        }
        header.add("log-log slope");
        List<Claim> claims = List.of(
                new Claim("6", "The relative error is proportional to the noise level",
                        Math.abs(meanSlope - 1) <= 0.2, "mean slope of log error against log noise", meanSlope,
                        "reproduced when the slope is within 0.2 of 1 (one decade of error per decade of noise)"),
                new Claim("6", "The relative error grows linearly in sqrt(r-tilde)",
                        lin.points() >= 3 && lin.r2() < 0.7 ? Claim.Status.NOT_REPRODUCED : lin.slopeSign(true),
                        "slope of error / noise against sqrt(r-tilde) (R^2 " + Grids.fmt(lin.r2()) + ")", lin.slope(),
                        "pooled over noise levels (" + lin.slopeSentence() + "); reproduced when the slope's 90% interval "
                                + "lies above 0 and R^2 >= 0.7"));
        return new Analysis("Relative error ||W - W*|| / ||W*|| of the solution of Algorithm 1 from labels with "
                + "Gaussian noise sigma = level x E_y, " + sweep.trials() + " trials per point.",
                List.of(new Figure("fig6-noise", "Relative error against sqrt(r-tilde), one line per noise level.")),
                List.of(new Table("Mean relative error", header, table)), claims);
    }
}
