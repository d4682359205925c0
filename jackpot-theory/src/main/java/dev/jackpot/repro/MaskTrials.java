package dev.jackpot.repro;

import dev.jackpot.plot.Charts;
import dev.jackpot.store.TrialRow;
import dev.jackpot.sweep.Axis;
import dev.jackpot.sweep.Stats;
import dev.jackpot.teacher.InitSpec;
import dev.jackpot.teacher.MaskSource;
import dev.jackpot.teacher.MaskSpec;
import dev.jackpot.teacher.TeacherTrialSpec;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The setting of section 4.2 (Figs. 7, 8 and 9) and helpers over its rows. Oracle K = 5, d = 100,
 * r*_j = 20 with fully overlapping supports, noiseless. The learner's mask is computed from W_e, 20
 * dense AGD iterations started at a dense perturbation of W* at relative distance {@link #LAMBDA}
 * (the paper does not give the distance; design note 4.2), either by GraSP (the paper's setting) or
 * by global magnitude pruning (a variant, always labelled as such); Algorithm 1 then starts from
 * M . W(0), W(0) that same perturbation. Test error: RMS error against the noiseless teacher on
 * fresh samples (10^5 at paper scale, 10^4 at quick scale).
 */
final class MaskTrials {

    /** Relative distance of the dense warm start the masks are scored from (and of W(0)). */
    static final double LAMBDA = 0.2;
    /** Value of the {@code mask.source} axis for the paper's GraSP masks. */
    static final String GRASP = "grasp";
    /** Value of the {@code mask.source} axis for the magnitude-mask variant. */
    static final String MAGNITUDE = "magnitude";
    /** Value of the {@code mask.source} axis for the GraSP-|S| variant (GraSP's scores ranked by magnitude). */
    static final String GRASP_ABS = "grasp_abs";
    /** The sources every figure of section 4.2 runs, the paper's first. */
    static final List<String> SOURCES = List.of(GRASP, MAGNITUDE, GRASP_ABS);
    /** Prefix of every claim checked on the magnitude-mask variant. */
    static final String VARIANT = "(magnitude-mask variant, not the paper's setting) ";
    /** Prefix of every claim checked on the GraSP-|S| variant. */
    static final String ABS_VARIANT = "(GraSP |S| variant, not the paper's setting) ";
    /** The mask-accuracy window of Figs. 8 and 9, inclusive. */
    static final double WINDOW_LO = 0.85;
    static final double WINDOW_HI = 0.90;

    private MaskTrials() {
    }

    /**
     * @param scale quick or paper (sets the number of test samples)
     * @param n     training samples N
     * @return the section 4.2 trial with a GraSP mask at ratio 0.5 (the axes set source and ratio)
     */
    static TeacherTrialSpec base(Scale scale, int n) {
        return TeacherTrialSpec.defaults(5, 100, n, 20, 1).withMask(MaskSpec.pruned(MaskSource.GRASP, 0.5))
                .withInit(InitSpec.lambda(LAMBDA)).withTestSamples(scale == Scale.PAPER ? 100_000 : 10_000);
    }

    /** @return the axis over mask sources: GraSP (the paper), then the magnitude and GraSP-|S| variants */
    static Axis sources() {
        return Axis.of("mask.source", GRASP, MAGNITUDE, GRASP_ABS);
    }

    /**
     * @param source a mask source
     * @return whether Figs. 8 and 9 keep only its trials in the mask-accuracy window: the paper's GraSP and the
     *         GraSP-|S| variant (which populates the window); the magnitude variant, whose masks lie above it,
     *         uses all trials
     */
    static boolean windowed(String source) {
        return !MAGNITUDE.equals(source);
    }

    /**
     * The paper drops mask-accuracy bins with fewer than 10 of its 1000 trials per ratio. With fewer
     * trials the threshold is scaled by trials / 1000, but never below 2.
     *
     * @param trials trials per ratio
     * @return the smallest number of trials a mean is reported for
     */
    static int minTrials(int trials) {
        return Math.max(2, (int) Math.round(10.0 * trials / 1000));
    }

    static String source(TrialRow r) {
        return r.coordinates().get("mask.source").toString().toLowerCase(Locale.ROOT);
    }

    static double coordinate(TrialRow r, String axis) {
        return ((Number) r.coordinates().get(axis)).doubleValue();
    }

    static double accuracy(TrialRow r) {
        return ((Number) r.metrics().get("maskAccuracy")).doubleValue();
    }

    static boolean inWindow(TrialRow r) {
        double a = accuracy(r);
        return a >= WINDOW_LO - 1e-9 && a <= WINDOW_HI + 1e-9;
    }

    /** The ok rows with the given source, ratio (and, if not NaN, N) meeting {@code which}. */
    static List<TrialRow> select(List<TrialRow> rows, String source, double ratio, double n, Predicate<TrialRow> which) {
        List<TrialRow> out = new ArrayList<>();
        for (TrialRow r : rows) {
            if (TrialRow.OK.equals(r.status()) && source(r).equals(source)
                    && Math.abs(coordinate(r, "mask.pruningRatio") - ratio) < 1e-9
                    && (Double.isNaN(n) || Math.abs(coordinate(r, "n") - n) < 1e-9) && which.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    static double meanAccuracy(List<TrialRow> rows) {
        return Stats.mean(Stats.values(rows, "maskAccuracy"));
    }

    static String percent(double ratio) {
        return Math.round(ratio * 100) + "%";
    }

    static String label(String source) {
        return switch (source) {
            case GRASP -> "GraSP masks (the paper's setting)";
            case GRASP_ABS -> "GraSP |S| masks (variant)";
            default -> "magnitude masks (variant)";
        };
    }

    /** " The plot is empty: ..." when no series has a finite point, else "". */
    static String emptyNote(List<Charts.Series> series, String why) {
        for (Charts.Series s : series) {
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    return "";
                }
            }
        }
        return " The plot is empty: " + why + ".";
    }

    static String shortLabel(String source) {
        return GRASP.equals(source) ? "GraSP masks" : label(source);
    }

    /** The claim text, prefixed with {@link #VARIANT} or {@link #ABS_VARIANT} for a variant. */
    static String claimText(String source, String claim) {
        return switch (source) {
            case GRASP -> claim;
            case GRASP_ABS -> ABS_VARIANT + claim;
            default -> VARIANT + claim;
        };
    }

    /**
     * A line chart with a logarithmic y axis widened to whole decades, so that it carries at least two
     * labelled ticks even when the data span less than a decade.
     */
    static XYChart logLines(String title, String xLabel, String yLabel, List<Charts.Series> series) {
        XYChart chart = Charts.lines(title, xLabel, yLabel, false, true, series);
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Charts.Series s : series) {
            for (double v : s.y()) {
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi > 0) {
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo))));
            chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi) + 1e-12)));
        }
        return chart;
    }
}
