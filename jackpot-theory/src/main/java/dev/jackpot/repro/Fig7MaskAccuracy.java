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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figure 7: test error against mask accuracy, one line per pruning ratio (40, 50, 60, 70%), GraSP
 * masks, N = 200 (setting of section 4.2, see {@link MaskTrials}). Trials are grouped by mask
 * accuracy in bins of 0.01 and bins with fewer than 10 of the 1000 trials per ratio are dropped;
 * at quick scale (40 trials per ratio, 10^4 test samples) the threshold is scaled down to 2.
 * Deviation: the warm-start distance 0.2 is not given by the paper. GraSP's mask accuracies here
 * (about 0.3 to 0.63) lie far below the paper's 0.72 to 0.99, so the same sweep also runs a variant
 * with global magnitude masks, drawn and checked separately and labelled as not the paper's setting.
 */
final class Fig7MaskAccuracy implements PaperFigure {

    static final double[] RATIOS = {0.4, 0.5, 0.6, 0.7};

    @Override
    public int number() {
        return 7;
    }

    @Override
    public String title() {
        return "Test error against mask accuracy at different pruning ratios";
    }

    @Override
    public SweepSpec sweep(Scale scale) {
        boolean paper = scale == Scale.PAPER;
        Axis ratio = Axis.of("mask.pruningRatio", RATIOS[0], RATIOS[1], RATIOS[2], RATIOS[3]);
        return new SweepSpec(2021_7, MaskTrials.base(scale, 200), List.of(MaskTrials.sources(), ratio),
                paper ? 1000 : 40, Procedure.TRIAL, ImpSpec.DEFAULT);
    }

    @Override
    public Analysis analyse(SweepSpec sweep, List<TrialRow> rows, RunWriter writer) throws IOException {
        int min = MaskTrials.minTrials(sweep.trials());
        List<Figure> figures = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        List<Claim> claims = new ArrayList<>();
        List<List<String>> summary = new ArrayList<>();
        for (String source : MaskTrials.SOURCES) {
            // bin (accuracy in hundredths) -> mean test error per ratio (NaN where dropped), and counts
            TreeMap<Integer, double[]> means = new TreeMap<>();
            TreeMap<Integer, int[]> counts = new TreeMap<>();
            List<Charts.Series> lines = new ArrayList<>();
            List<String> slopes = new ArrayList<>();
            double worstSlope = Double.NEGATIVE_INFINITY;
            int fitted = 0;
            for (int k = 0; k < RATIOS.length; k++) {
                List<TrialRow> cell = MaskTrials.select(rows, source, RATIOS[k], Double.NaN, r -> true);
                Map<Integer, List<Double>> bins = new TreeMap<>();
                for (TrialRow r : cell) {
                    int bin = (int) Math.floor(MaskTrials.accuracy(r) * 100 + 1e-9);
                    bins.computeIfAbsent(bin, b -> new ArrayList<>())
                            .add(((Number) r.metrics().get("testError")).doubleValue());
                }
                List<double[]> kept = new ArrayList<>();
                int keptTrials = 0;
                for (Map.Entry<Integer, List<Double>> e : bins.entrySet()) {
                    counts.computeIfAbsent(e.getKey(), b -> new int[RATIOS.length])[k] = e.getValue().size();
                    means.computeIfAbsent(e.getKey(), b -> nans(RATIOS.length));
                    if (e.getValue().size() >= min) {
                        double m = Stats.mean(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
                        means.get(e.getKey())[k] = m;
                        kept.add(new double[]{e.getKey() / 100.0, m});
                        keptTrials += e.getValue().size();
                    }
                }
                double[] x = kept.stream().mapToDouble(p -> p[0]).toArray();
                double[] y = kept.stream().mapToDouble(p -> p[1]).toArray();
                double[] logY = kept.stream().mapToDouble(p -> Math.log10(p[1])).toArray();
                double meanAcc = MaskTrials.meanAccuracy(cell);
                lines.add(new Charts.Series("pruning ratio " + MaskTrials.percent(RATIOS[k]) + " (mean accuracy "
                        + Grids.fmt(meanAcc) + ")", x, y));
                Stats.Fit fit = Stats.line(x, logY);
                if (x.length >= 3) {
                    fitted++;
                    worstSlope = Math.max(worstSlope, fit.slope());
                    slopes.add(MaskTrials.percent(RATIOS[k]) + ": " + fit.slopeSentence().replace("points", "bins"));
                } else {
                    slopes.add(MaskTrials.percent(RATIOS[k]) + ": " + x.length + " bins, not fitted");
                }
                double[] acc = Stats.values(cell, "maskAccuracy");
                summary.add(List.of(MaskTrials.label(source), MaskTrials.percent(RATIOS[k]),
                        Integer.toString(cell.size()), Grids.fmt(meanAcc),
                        Grids.fmt(acc.length == 0 ? Double.NaN : Arrays.stream(acc).min().getAsDouble())
                                + " - " + Grids.fmt(acc.length == 0 ? Double.NaN
                                : Arrays.stream(acc).max().getAsDouble()),
                        Grids.fmt(1 - RATIOS[k]),
                        Long.toString(cell.stream().filter(MaskTrials::inWindow).count()),
                        x.length + " (" + keptTrials + " trials)",
                        Grids.fmt(Stats.mean(Stats.values(cell, "testError")))));
            }
            String name = "fig7-" + source;
            writer.plot(name, MaskTrials.logLines("Fig. 7: test error against mask accuracy, " + MaskTrials.shortLabel(source)
                            + ", N = 200", "mask accuracy",
                    "mean test error per 0.01 bin (bins with >= " + min + " trials), log scale", lines));
            figures.add(new Figure(name, "Mean test error per mask-accuracy bin, one line per pruning ratio; "
                    + MaskTrials.label(source) + "."));

            // Claim (b): in every bin kept for two ratios, does the larger ratio have the lower error?
            int pairs = 0;
            int lower = 0;
            List<List<String>> binTable = new ArrayList<>();
            for (Map.Entry<Integer, double[]> e : means.descendingMap().entrySet()) {
                double[] m = e.getValue();
                for (int a = 0; a < m.length; a++) {
                    for (int b = a + 1; b < m.length; b++) {
                        if (Double.isFinite(m[a]) && Double.isFinite(m[b])) {
                            pairs++;
                            lower += m[b] < m[a] ? 1 : 0;
                        }
                    }
                }
                List<String> row = new ArrayList<>(List.of(Grids.fmt(e.getKey() / 100.0)));
                for (int k = 0; k < RATIOS.length; k++) {
                    int c = counts.get(e.getKey())[k];
                    row.add(c == 0 ? "" : Grids.fmt(m[k]) + " (" + c + ")");
                }
                binTable.add(row);
            }
            List<String> header = new ArrayList<>(List.of("mask accuracy"));
            for (double r : RATIOS) {
                header.add("ratio " + MaskTrials.percent(r) + ": mean test error (trials)");
            }
            tables.add(new Table("Test error per mask-accuracy bin, " + MaskTrials.label(source)
                    + " (n/a: fewer than " + min + " trials, dropped)", header, binTable));

            double fraction = pairs > 0 ? (double) lower / pairs : Double.NaN;
            claims.add(new Claim("7", MaskTrials.claimText(source, "The test error decreases as the mask accuracy "
                    + "increases"), fitted >= 2 && worstSlope < 0,
                    "largest slope of log10(mean test error) against mask accuracy over the pruning ratios",
                    fitted == 0 ? Double.NaN : worstSlope,
                    "least-squares slope over the kept bins of each ratio with at least 3 bins (" + String.join("; ",
                            slopes) + "); reproduced when at least 2 ratios are fitted and every slope is negative"));
            claims.add(new Claim("7", MaskTrials.claimText(source, "At fixed mask accuracy, the test error decreases "
                    + "as the pruning ratio increases"), pairs >= 5 && fraction >= 0.75,
                    "fraction of (bin, pair of ratios) comparisons where the larger ratio has the lower mean test error",
                    fraction, lower + " of " + pairs + " comparisons over bins kept for at least two ratios; "
                    + "reproduced when there are at least 5 comparisons and the fraction is at least 0.75"));
        }
        tables.add(0, new Table("Trials per pruning ratio (random masks would have accuracy 1 - ratio)",
                List.of("mask", "pruning ratio", "trials", "mean mask accuracy", "accuracy range",
                        "random-mask accuracy", "trials with accuracy in [0.85, 0.90]", "bins kept",
                        "mean test error (all trials)"), summary));
        return new Analysis("Test error (RMS against the noiseless teacher on " + sweep.base().testSamples()
                + " fresh samples) of Algorithm 1 with a learner mask pruned by GraSP, K = 5, d = 100, r*_j = 20, "
                + "N = 200, " + sweep.trials() + " trials per pruning ratio (paper: 1000, 10^5 test samples). Trials "
                + "are grouped by mask accuracy in bins of 0.01; bins with fewer than " + min + " trials are dropped "
                + "(the paper drops bins with fewer than 10 of 1000 trials; at quick scale the threshold is scaled "
                + "with the trial count, but kept at 2 or more). The masks are scored after 20 dense AGD iterations "
                + "from a dense perturbation of W* at relative distance " + MaskTrials.LAMBDA + " (the paper does not "
                + "give it) and Algorithm 1 starts from M . W(0). GraSP's mask accuracies here lie far below the "
                + "paper's (0.72 to 0.99 at 70%): see the first table. As a variant that is not the paper's setting, "
                + "the same trials are also run with global magnitude masks; their plot and claims are labelled.",
                figures, tables, claims);
    }

    private static double[] nans(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }
}
