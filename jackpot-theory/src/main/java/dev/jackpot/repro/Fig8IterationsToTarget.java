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
import dev.jackpot.sweep.Procedures;
import dev.jackpot.sweep.Stats;
import dev.jackpot.sweep.SweepSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Figure 8: the smallest number of iterations at which the test error of Algorithm 1 falls below
 * 1e-2, ..., 1e-6, averaged over the trials with GraSP mask accuracy in [0.85, 0.90], per pruning
 * ratio (40 to 70%), N = 200 (setting of section 4.2, see {@link MaskTrials}). The monitored test
 * error is the population one in closed form ({@link Procedure#TARGETS}), the limit of the paper's
 * 10^5-sample test error. Paper: 1000 trials per
 * ratio; quick: 20. A target's mean is reported for a ratio when at least half of the selected trials
 * reach it (the mean is over those that do). GraSP masks almost never reach the window here, so the
 * sweep also runs a variant with magnitude masks over all their trials (their accuracies, 0.9 to 1,
 * rarely fall in the window either), drawn and checked separately and labelled as not the paper's
 * setting.
 */
final class Fig8IterationsToTarget implements PaperFigure {

    @Override
    public int number() {
        return 8;
    }

    @Override
    public String title() {
        return "Iterations to reach a test-error target with mask accuracy in [0.85, 0.90]";
    }

    @Override
    public SweepSpec sweep(Scale scale) {
        boolean paper = scale == Scale.PAPER;
        double[] r = Fig7MaskAccuracy.RATIOS;
        Axis ratio = Axis.of("mask.pruningRatio", r[0], r[1], r[2], r[3]);
        return new SweepSpec(2021_8, MaskTrials.base(scale, 200), List.of(MaskTrials.sources(), ratio),
                paper ? 1000 : 20, Procedure.TARGETS, ImpSpec.DEFAULT);
    }

    @Override
    public Analysis analyse(SweepSpec sweep, List<TrialRow> rows, RunWriter writer) throws IOException {
        double[] ratios = Fig7MaskAccuracy.RATIOS;
        double[] targets = Procedures.TARGETS;
        double[] decades = new double[targets.length];
        for (int t = 0; t < targets.length; t++) {
            decades[t] = Math.log10(1 / targets[t]);
        }
        int min = MaskTrials.minTrials(sweep.trials());
        List<Figure> figures = new ArrayList<>();
        List<Claim> claims = new ArrayList<>();
        List<List<String>> table = new ArrayList<>();
        for (String source : MaskTrials.SOURCES) {
            boolean windowed = MaskTrials.windowed(source);
            Predicate<TrialRow> which = windowed ? MaskTrials::inWindow : r -> true;
            String selection = windowed ? "trials with mask accuracy in [0.85, 0.90]" : "all trials";
            double[][] mean = new double[ratios.length][targets.length];
            int fewest = Integer.MAX_VALUE;
            List<Charts.Series> lines = new ArrayList<>();
            List<String> fits = new ArrayList<>();
            double worstR2 = Double.POSITIVE_INFINITY;
            boolean allLinear = true;
            for (int k = 0; k < ratios.length; k++) {
                List<TrialRow> all = MaskTrials.select(rows, source, ratios[k], Double.NaN, r -> true);
                List<TrialRow> sel = MaskTrials.select(rows, source, ratios[k], Double.NaN, which);
                fewest = Math.min(fewest, sel.size());
                List<String> row = new ArrayList<>(List.of(MaskTrials.label(source), MaskTrials.percent(ratios[k]),
                        sel.size() + " of " + all.size(), Grids.fmt(MaskTrials.meanAccuracy(sel))));
                for (int t = 0; t < targets.length; t++) {
                    double[] it = Stats.values(sel, Procedures.targetMetric(targets[t]));
                    boolean usable = sel.size() >= min && 2 * it.length >= sel.size();
                    mean[k][t] = usable ? Stats.mean(it) : Double.NaN;
                    row.add(Grids.fmt(Stats.mean(it)) + " (" + it.length + "/" + sel.size() + ")");
                }
                table.add(row);
                lines.add(new Charts.Series("pruning ratio " + MaskTrials.percent(ratios[k]) + " (" + sel.size()
                        + " trials)", decades, mean[k]));
                Stats.Fit fit = Stats.line(decades, mean[k]);
                boolean linear = fit.points() >= 3 && fit.slope() > 0 && fit.r2() >= 0.95;
                allLinear &= linear;
                if (fit.points() >= 3) {
                    worstR2 = Math.min(worstR2, fit.r2());
                }
                fits.add(MaskTrials.percent(ratios[k]) + ": " + (fit.points() >= 3 ? "R^2 " + Grids.fmt(fit.r2())
                        + ", " + Grids.fmt(fit.slope()) + " iterations per decade over " + fit.points() + " targets"
                        : fit.points() + " usable targets"));
            }
            String name = "fig8-" + source;
            writer.plot(name, Charts.lines("Fig. 8: iterations to a test error, " + MaskTrials.shortLabel(source)
                            + (windowed ? ", accuracy in [0.85, 0.90]" : ", all trials"), "log10(1 / target test error)",
                    "mean first iteration with test error <= target", false, false, lines));
            figures.add(new Figure(name, "Mean number of iterations to reach each test-error target, one line per "
                    + "pruning ratio; " + MaskTrials.label(source) + ", " + selection + ". A target is drawn where at "
                    + "least half of the selected trials reach it." + MaskTrials.emptyNote(lines, "no pruning ratio has "
                    + "a target reached by at least half of its selected trials")));

            boolean thin = fewest < min;
            claims.add(new Claim("8", MaskTrials.claimText(source, "The iterations needed grow linearly in "
                    + "log(1/target): the test error converges linearly"), !thin && allLinear,
                    thin ? "fewest " + selection + " at a pruning ratio" : "smallest R^2 of iterations against "
                    + "log10(1/target) over the pruning ratios",
                    thin ? fewest : (worstR2 == Double.POSITIVE_INFINITY ? Double.NaN : worstR2),
                    selection + ", at least " + min + " per ratio needed (" + String.join("; ", fits)
                            + "); reproduced when every ratio has at least 3 targets reached by half its trials, a "
                            + "positive slope and R^2 >= 0.95"));
            double worstSlope = Double.NEGATIVE_INFINITY;
            List<String> slopes = new ArrayList<>();
            for (int t = 0; t < targets.length; t++) {
                double[] y = new double[ratios.length];
                boolean complete = true;
                for (int k = 0; k < ratios.length; k++) {
                    y[k] = mean[k][t];
                    complete &= Double.isFinite(y[k]);
                }
                if (complete) {
                    double slope = Stats.line(ratios, y).slope();
                    worstSlope = Math.max(worstSlope, slope);
                    slopes.add(Grids.fmt(targets[t]) + ": " + Grids.fmt(slope));
                }
            }
            boolean compared = !slopes.isEmpty();
            claims.add(new Claim("8", MaskTrials.claimText(source, "Algorithm 1 needs fewer iterations with a larger "
                    + "pruning ratio"), !thin && compared && worstSlope < 0,
                    thin ? "fewest " + selection + " at a pruning ratio" : "largest slope of mean iterations against "
                    + "the pruning ratio over the targets",
                    thin ? fewest : (compared ? worstSlope : Double.NaN),
                    selection + "; per target with a mean at every ratio: " + (compared ? String.join("; ", slopes)
                            : "none") + "; reproduced when at least one target has a mean at every ratio and every "
                            + "such slope is negative"));
        }
        List<String> header = new ArrayList<>(List.of("mask", "pruning ratio", "selected trials",
                "mean mask accuracy (selected)"));
        for (double t : targets) {
            header.add("iterations to " + Grids.fmt(t) + " (reached/selected)");
        }
        return new Analysis("Smallest iteration at which the test error of Algorithm 1 (RMS against the noiseless "
                + "teacher over the input distribution, in closed form: the limit of the paper's 10^5-sample test "
                + "error) is at most each target, K = 5, d = 100, r*_j = 20, N = 200, "
                + sweep.trials() + " trials per pruning ratio (paper: 1000). The paper averages over the trials with "
                + "GraSP mask accuracy in [0.85, 0.90]; a target's mean is reported where at least half of the "
                + "selected trials (and at least " + min + ") reach it, and is the mean over those that do. Masks are "
                + "scored from a dense warm start at relative distance " + MaskTrials.LAMBDA + " (not given by the "
                + "paper). GraSP's accuracies here almost never reach the window, so a variant that is not the "
                + "paper's setting runs magnitude masks and averages over all their trials (their accuracies mostly "
                + "lie above the window); its plot and claims are labelled.",
                figures, List.of(new Table("Mean iterations to each target", header, table)), claims);
    }
}
