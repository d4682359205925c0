package dev.jackpot.repro;

import dev.jackpot.store.TrialRow;
import dev.jackpot.sweep.Stats;
import dev.jackpot.sweep.SweepSpec;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Helpers that turn a two-axis sweep's rows into matrices indexed [axis-0 value][axis-1 value], and
 * read off boundaries from them.
 */
final class Grids {

    private Grids() {
    }

    /** Numeric values of axis {@code a}. */
    static double[] axis(SweepSpec sweep, int a) {
        return sweep.axes().get(a).values().stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    /** m[i0][i1] = f(rows of cell (i0, i1)), NaN for a cell without rows. */
    static double[][] matrix(SweepSpec sweep, List<TrialRow> rows, ToDoubleFunction<List<TrialRow>> f) {
        int n0 = sweep.axes().get(0).values().size();
        int n1 = sweep.axes().size() > 1 ? sweep.axes().get(1).values().size() : 1;
        Map<Integer, List<TrialRow>> cells = Stats.byCell(rows);
        double[][] m = new double[n0][n1];
        for (int i = 0; i < n0; i++) {
            for (int j = 0; j < n1; j++) {
                List<TrialRow> c = cells.get(i * n1 + j);
                m[i][j] = c == null ? Double.NaN : f.applyAsDouble(c);
            }
        }
        return m;
    }

    /** The transpose, m[j][i]. */
    static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /**
     * The smallest x at which {@code rate} first reaches {@code level}, linearly interpolated
     * between grid points; NaN if it never does.
     */
    static double firstCrossingUp(double[] x, double[] rate, double level) {
        for (int i = 0; i < x.length; i++) {
            if (rate[i] >= level) {
                if (i == 0) {
                    return x[0];
                }
                double t = (level - rate[i - 1]) / (rate[i] - rate[i - 1]);
                return x[i - 1] + t * (x[i] - x[i - 1]);
            }
        }
        return Double.NaN;
    }

    /**
     * The largest x up to which {@code rate} stays at or above {@code level} from the first grid
     * point, interpolated to where it drops below; 0 if it is below at the first point.
     */
    static double lastBeforeDrop(double[] x, double[] rate, double level) {
        if (!(rate[0] >= level)) {
            return 0;
        }
        for (int i = 1; i < x.length; i++) {
            if (!(rate[i] >= level)) {
                double t = (rate[i - 1] - level) / (rate[i - 1] - rate[i]);
                return x[i - 1] + t * (x[i] - x[i - 1]);
            }
        }
        return x[x.length - 1];
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }
}
