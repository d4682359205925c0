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

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Figure 9: test error against the number of training samples N, averaged over the trials with GraSP
 * mask accuracy in [0.85, 0.90], per pruning ratio (10, 30, 50, 70%) (setting of section 4.2, see
 * {@link MaskTrials}). Paper: N = 30, 40, ..., 250; the trials per point are not stated, 100 here.
 * Quick: N in {30, 60, 100, 150, 200, 250}, 5 trials per point, 10^4 test samples. A point is drawn
 * where at least 2 selected trials (the paper's 10 of 1000, scaled, as in Fig. 7) exist. GraSP masks
 * almost never reach the window here, so the sweep also runs a variant with magnitude masks over all
 * their trials, drawn and checked separately and labelled as not the paper's setting.
 */
final class Fig9SampleSize implements PaperFigure {

    static final double[] RATIOS = {0.1, 0.3, 0.5, 0.7};
    /** The paper's test-error level for comparing sample sizes ("no less than 10^-3"). */
    static final double LEVEL = 1e-3;

    @Override
    public int number() {
        return 9;
    }

    @Override
    public String title() {
        return "Test error against the number of samples with mask accuracy in [0.85, 0.90]";
    }

    @Override
    public SweepSpec sweep(Scale scale) {
        boolean paper = scale == Scale.PAPER;
        Axis ratio = Axis.of("mask.pruningRatio", RATIOS[0], RATIOS[1], RATIOS[2], RATIOS[3]);
        Axis n = paper ? new Axis("n", null, new Axis.Range(30, 250, 10)) : Axis.of("n", 30, 60, 100, 150, 200, 250);
        return new SweepSpec(2021_9, MaskTrials.base(scale, 200), List.of(MaskTrials.sources(), ratio, n),
                paper ? 100 : 5, Procedure.TRIAL, ImpSpec.DEFAULT);
    }

    @Override
    public Analysis analyse(SweepSpec sweep, List<TrialRow> rows, RunWriter writer) throws IOException {
        double[] ns = Grids.axis(sweep, 2);
        int min = MaskTrials.minTrials(sweep.trials());
        List<Figure> figures = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        List<Claim> claims = new ArrayList<>();
        for (String source : MaskTrials.SOURCES) {
            boolean windowed = MaskTrials.windowed(source);
            Predicate<TrialRow> which = windowed ? MaskTrials::inWindow : r -> true;
            String selection = windowed ? "trials with mask accuracy in [0.85, 0.90]" : "all trials";
            double[][] mean = new double[RATIOS.length][ns.length];
            List<Charts.Series> lines = new ArrayList<>();
            List<List<String>> table = new ArrayList<>();
            for (int i = 0; i < ns.length; i++) {
                table.add(new ArrayList<>(List.of(Grids.fmt(ns[i]))));
            }
            List<String> accuracy = new ArrayList<>();
            for (int k = 0; k < RATIOS.length; k++) {
                List<TrialRow> selectedAtRatio = new ArrayList<>();
                List<TrialRow> allAtRatio = new ArrayList<>();
                for (int i = 0; i < ns.length; i++) {
                    List<TrialRow> all = MaskTrials.select(rows, source, RATIOS[k], ns[i], r -> true);
                    List<TrialRow> sel = MaskTrials.select(rows, source, RATIOS[k], ns[i], which);
                    selectedAtRatio.addAll(sel);
                    allAtRatio.addAll(all);
                    double m = Stats.mean(Stats.values(sel, "testError"));
                    mean[k][i] = sel.size() >= min ? m : Double.NaN;
                    table.get(i).add(Grids.fmt(m) + " (" + sel.size() + "/" + all.size() + ")");
                }
                accuracy.add(MaskTrials.percent(RATIOS[k]) + ": " + Grids.fmt(MaskTrials.meanAccuracy(selectedAtRatio))
                        + " over " + selectedAtRatio.size() + " selected trials (" + Grids.fmt(MaskTrials.meanAccuracy(
                        allAtRatio)) + " over all " + allAtRatio.size() + ")");
                lines.add(new Charts.Series("pruning ratio " + MaskTrials.percent(RATIOS[k]), ns, mean[k]));
            }
            String name = "fig9-" + source;
            writer.plot(name, MaskTrials.logLines("Fig. 9: test error against N, " + MaskTrials.shortLabel(source)
                            + (windowed ? ", accuracy in [0.85, 0.90]" : ", all trials"), "N",
                    "mean test error (log scale)", lines));
            figures.add(new Figure(name, "Mean test error against the number of training samples, one line per "
                    + "pruning ratio; " + MaskTrials.label(source) + ", " + selection + " (points with at least "
                    + min + " of them)." + MaskTrials.emptyNote(lines, "no point has " + min + " selected trials")));
            List<String> header = new ArrayList<>(List.of("N"));
            for (double r : RATIOS) {
                header.add("ratio " + MaskTrials.percent(r) + ": mean test error (selected/trials)");
            }
            tables.add(new Table("Mean test error, " + MaskTrials.label(source) + ", " + selection
                    + "; mean mask accuracy: " + String.join("; ", accuracy), header, table));

            // (a) The test error decreases with N: slope of log10(error) against N, per ratio.
            int fewestPoints = Integer.MAX_VALUE;
            double worstSlope = Double.NEGATIVE_INFINITY;
            List<String> slopes = new ArrayList<>();
            for (int k = 0; k < RATIOS.length; k++) {
                double[] logY = new double[ns.length];
                for (int i = 0; i < ns.length; i++) {
                    logY[i] = Math.log10(mean[k][i]);
                }
                Stats.Fit fit = Stats.line(ns, logY);
                fewestPoints = Math.min(fewestPoints, fit.points());
                if (fit.points() >= 3) {
                    worstSlope = Math.max(worstSlope, fit.slope());
                }
                slopes.add(MaskTrials.percent(RATIOS[k]) + ": " + (fit.points() >= 3 ? fit.slopeSentence() + " (per sample)"
                        : fit.points() + " points"));
            }
            boolean thin = fewestPoints < 3;
            claims.add(new Claim("9", MaskTrials.claimText(source, "The test error decreases as N increases"),
                    !thin && worstSlope < 0,
                    thin ? "fewest values of N with at least " + min + " " + selection + " at a pruning ratio"
                            : "largest slope of log10(mean test error) against N over the pruning ratios",
                    thin ? fewestPoints : worstSlope,
                    selection + " (" + String.join("; ", slopes) + "); reproduced when every ratio has at least 3 "
                            + "points and every slope is negative"));

            // (b) A larger ratio needs fewer samples to reach the same test error.
            double level = LEVEL;
            double floor = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < RATIOS.length; k++) {
                double best = Double.POSITIVE_INFINITY;
                for (double v : mean[k]) {
                    if (Double.isFinite(v)) {
                        best = Math.min(best, v);
                    }
                }
                floor = Math.max(floor, best);
            }
            boolean fallback = floor > LEVEL;
            if (fallback) {
                level = Double.isFinite(floor) ? floor : Double.NaN;
            }
            double[] needed = new double[RATIOS.length];
            List<String> neededText = new ArrayList<>();
            boolean monotone = true;
            for (int k = 0; k < RATIOS.length; k++) {
                needed[k] = firstBelow(ns, mean[k], level);
                neededText.add(MaskTrials.percent(RATIOS[k]) + ": " + Grids.fmt(needed[k]));
                if (k > 0 && !(needed[k] <= needed[k - 1])) {
                    monotone = false;
                }
            }
            boolean complete = Double.isFinite(level);
            for (double v : needed) {
                complete &= Double.isFinite(v);
            }
            Stats.Fit fit = Stats.line(RATIOS, needed);
            claims.add(new Claim("9", MaskTrials.claimText(source, "A larger pruning ratio needs fewer samples to reach "
                    + "the same test error"), !thin && complete && monotone && needed[RATIOS.length - 1] < needed[0],
                    thin ? "fewest values of N with at least " + min + " " + selection + " at a pruning ratio"
                            : "slope of the N needed to reach test error " + Grids.fmt(level) + " against the "
                            + "pruning ratio",
                    thin ? fewestPoints : fit.slope(),
                    (Double.isNaN(level) ? "no level: a curve has no point"
                            : fallback ? "level " + Grids.fmt(level) + ": not every curve reaches the paper's 1e-3, so "
                            + "the level is the smallest one every curve reaches (the largest of their minima)"
                            : "level 1e-3 (the paper's)") + "; N needed (interpolated in log error): "
                            + String.join("; ", neededText) + "; reproduced when every ratio reaches the level and the "
                            + "N needed does not increase from one ratio to the next and is lower at 70% than at 10%"));
        }
        return new Analysis("Test error (RMS against the noiseless teacher on " + sweep.base().testSamples()
                + " fresh samples) of Algorithm 1 against the number of training samples N, K = 5, d = 100, "
                + "r*_j = 20, " + sweep.trials() + " trials per point (the paper does not state its count). The "
                + "paper averages over the trials with GraSP mask accuracy in [0.85, 0.90]; a point is drawn where at "
                + "least " + min + " such trials exist. Masks are scored from a dense warm start at relative distance "
                + MaskTrials.LAMBDA + " (not given by the paper). The paper compares the N needed to reach a test "
                + "error 'no less than 1e-3'; here the level is 1e-3 where every curve reaches it, otherwise the "
                + "smallest level every curve reaches, as each claim states. GraSP's accuracies here almost never "
                + "reach the window, so a variant that is not the paper's setting runs magnitude masks and averages "
                + "over all their trials; its plot and claims are labelled.",
                figures, tables, claims);
    }

    /**
     * The smallest N at which the mean error first falls to {@code level}, interpolated linearly in
     * log error between consecutive drawn points; NaN if it never does.
     */
    private static double firstBelow(double[] n, double[] error, double level) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            if (Double.isFinite(error[i]) && error[i] > 0) {
                points.add(new double[]{n[i], -Math.log10(error[i])});
            }
        }
        return Grids.firstCrossingUp(points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray(), -Math.log10(level));
    }
}
