package dev.jackpot.plot;

import dev.jackpot.experiment.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Line charts with XChart, plain or with shaded error bands, saved as PNG and SVG side by side
 * (atomically). Runs headless. Heatmaps are in {@link Heatmaps}.
 */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Series with at most this many points are drawn with markers. */
    public static final int MAX_POINTS_WITH_MARKERS = 30;

    /** Line colours in series order (Tableau 10), repeating after ten. */
    private static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};

    /** Opacity of a band's fill (of 255): overlapping bands stay readable and grid lines show through. */
    private static final int BAND_ALPHA = 56;

    private Charts() {
    }

    /**
     * One line of a chart.
     *
     * @param name legend entry
     * @param x    x values
     * @param y    y values (same length)
     */
    public record Series(String name, double[] x, double[] y) {
        /**
         * @throws IllegalArgumentException if the lengths differ
         */
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values and "
                        + y.length + " y values");
            }
        }
    }

    /**
     * Draws a line chart.
     *
     * @param title  chart title
     * @param xLabel x-axis title
     * @param yLabel y-axis title
     * @param logX   logarithmic x axis (points with non-positive x are dropped)
     * @param logY   logarithmic y axis (points with non-positive y are dropped)
     * @param series the lines
     * @return the chart
     */
    public static XYChart lines(String title, String xLabel, String yLabel, boolean logX, boolean logY,
                                List<Series> series) {
        XYChart chart = newChart(title, xLabel, yLabel, logX, logY);
        for (Series s : series) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i]) && (!logY || s.y()[i] > 0)
                        && (!logX || s.x()[i] > 0)) {
                    xs.add(s.x()[i]);
                    ys.add(s.y()[i]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries line = chart.addSeries(s.name(), xs, ys);
            if (xs.size() > MAX_POINTS_WITH_MARKERS) {
                line.setMarker(SeriesMarkers.NONE);
            }
        }
        labelLogAxes(chart);
        return chart;
    }

    /**
     * One line with a band around it, e.g. the mean over trials plus or minus one standard deviation.
     *
     * @param name   legend entry
     * @param x      x values
     * @param mean   the line's y values (same length)
     * @param spread the band's half-width at each point (same length), at least 0; NaN draws no band
     *               there (the band narrows to the line), e.g. the standard deviation of a single trial
     */
    public record Band(String name, double[] x, double[] mean, double[] spread) {
        /**
         * @throws IllegalArgumentException if the lengths differ or a spread is negative or infinite
         */
        public Band {
            Objects.requireNonNull(name, "name");
            if (x.length != mean.length || x.length != spread.length) {
                throw new IllegalArgumentException("band '" + name + "' has " + x.length + " x values, "
                        + mean.length + " means and " + spread.length + " spreads; they must be equal in number");
            }
            for (int i = 0; i < spread.length; i++) {
                if (spread[i] < 0 || Double.isInfinite(spread[i])) {
                    throw new IllegalArgumentException("band '" + name + "' has spread " + spread[i] + " at index "
                            + i + "; a spread must be finite and at least 0, or NaN for none");
                }
            }
        }
    }

    /**
     * Draws lines with translucent bands from {@code mean - spread} to {@code mean + spread}, each band
     * the colour of its line. Points with a non-finite x or mean are dropped, as are points with a
     * non-positive x on a logarithmic x axis or a non-positive mean on a logarithmic y axis. On a
     * logarithmic y axis a band whose lower edge is not positive is cut at the smallest positive value
     * drawn (the band then runs to the bottom of the plot). Series of at most
     * {@value #MAX_POINTS_WITH_MARKERS} points get markers.
     *
     * @param title  chart title
     * @param xLabel x-axis title
     * @param yLabel y-axis title; say what the band is, e.g. "test error (mean +/- std over 10 trials)"
     * @param logX   logarithmic x axis
     * @param logY   logarithmic y axis
     * @param bands  the lines and their bands, drawn in this order and coloured in turn
     * @return the chart
     */
    public static XYChart bands(String title, String xLabel, String yLabel, boolean logX, boolean logY,
                                List<Band> bands) {
        XYChart chart = newChart(title, xLabel, yLabel, logX, logY);
        List<double[][]> kept = new ArrayList<>();
        double floor = Double.POSITIVE_INFINITY;
        for (Band b : bands) {
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < b.x().length; i++) {
                double x = b.x()[i];
                double m = b.mean()[i];
                if (!Double.isFinite(x) || !Double.isFinite(m) || (logX && x <= 0) || (logY && m <= 0)) {
                    continue;
                }
                double s = Double.isNaN(b.spread()[i]) ? 0 : b.spread()[i];
                points.add(new double[] {x, m, m - s, m + s});
                floor = Math.min(floor, m);
                if (m - s > 0) {
                    floor = Math.min(floor, m - s);
                }
            }
            kept.add(points.toArray(new double[0][]));
        }
        // Bands first, so that every line is drawn over every band.
        for (int k = 0; k < bands.size(); k++) {
            double[][] p = kept.get(k);
            if (p.length == 0) {
                continue;
            }
            // The band is one polygon: along the upper edge left to right, back along the lower edge.
            int n = p.length;
            double[] px = new double[2 * n];
            double[] py = new double[2 * n];
            for (int i = 0; i < n; i++) {
                px[i] = p[i][0];
                py[i] = p[i][3];
                px[2 * n - 1 - i] = p[i][0];
                py[2 * n - 1 - i] = logY ? Math.max(p[i][2], floor) : p[i][2];
            }
            Color colour = PALETTE[k % PALETTE.length];
            XYSeries band = chart.addSeries(bands.get(k).name() + " (band)", px, py);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), BAND_ALPHA));
            band.setLineColor(new Color(0, 0, 0, 0));
            band.setMarker(SeriesMarkers.NONE);
            band.setShowInLegend(false);
        }
        // XChart's automatic range can leave out part of a polygon series; set it from the data.
        double top = Double.NEGATIVE_INFINITY;
        double bottom = Double.POSITIVE_INFINITY;
        for (double[][] p : kept) {
            for (double[] point : p) {
                top = Math.max(top, Math.max(point[1], point[3]));
                bottom = Math.min(bottom, logY ? Math.max(point[2], floor) : Math.min(point[1], point[2]));
            }
        }
        if (top > bottom) {
            chart.getStyler().setYAxisMax(logY ? top : top + 0.05 * (top - bottom));
            chart.getStyler().setYAxisMin(logY ? bottom : bottom - 0.05 * (top - bottom));
        }
        for (int k = 0; k < bands.size(); k++) {
            double[][] p = kept.get(k);
            if (p.length == 0) {
                continue;
            }
            double[] lx = new double[p.length];
            double[] ly = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                lx[i] = p[i][0];
                ly[i] = p[i][1];
            }
            Color colour = PALETTE[k % PALETTE.length];
            XYSeries line = chart.addSeries(bands.get(k).name(), lx, ly);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineColor(colour);
            line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            if (p.length > MAX_POINTS_WITH_MARKERS) {
                line.setMarker(SeriesMarkers.NONE);
            } else {
                line.setMarker(SeriesMarkers.CIRCLE);
                line.setMarkerColor(colour);
            }
        }
        labelLogAxes(chart);
        return chart;
    }

    /** Widest span, in decades, over which every 1-9 x 10^k tick is labelled (XChart crowds them beyond). */
    static final double ALL_TICKS_MAX_DECADES = 1.08;

    /**
     * XChart labels a logarithmic axis at powers of ten only, so an axis over less than a decade (a
     * lottery run's densities 0.64 to 1) shows one label, or none. For each logarithmic axis whose data
     * span at most {@link #ALL_TICKS_MAX_DECADES} decades, label every 1-9 x 10^k tick; over a wider span
     * keep the decades and, when fewer than two fall inside the data, extend the axis down to the decade
     * below its smallest value, so every log axis shows at least two labelled values.
     * (XChart's tick-label formatting function cannot thin the labels instead: on a log axis it does not
     * return.)
     */
    static void labelLogAxes(XYChart chart) {
        XYStyler st = chart.getStyler();
        if (st.isXAxisLogarithmic()) {
            labelLogAxis(range(chart, true), st::setXAxisLogarithmicDecadeOnly, st::setXAxisMin);
        }
        if (st.isYAxisLogarithmic()) {
            labelLogAxis(range(chart, false), st::setYAxisLogarithmicDecadeOnly, st::setYAxisMin);
        }
    }

    private static void labelLogAxis(double[] r, Consumer<Boolean> decadeOnly, Consumer<Double> axisMin) {
        if (r == null) {
            return;
        }
        if (decades(r) <= ALL_TICKS_MAX_DECADES) {
            decadeOnly.accept(false);
        } else if (decadeTicks(r) < 2) {
            axisMin.accept(Math.pow(10, Math.floor(Math.log10(r[0]))));
        }
    }

    /** @return {min, max} of the positive finite data on one axis (or the axis limits already set), or null */
    private static double[] range(XYChart chart, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double v : x ? s.getXData() : s.getYData()) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        Double min = x ? chart.getStyler().getXAxisMin() : chart.getStyler().getYAxisMin();
        Double max = x ? chart.getStyler().getXAxisMax() : chart.getStyler().getYAxisMax();
        lo = min != null && min > 0 ? min : lo;
        hi = max != null && max > 0 ? max : hi;
        return lo <= hi ? new double[] {lo, hi} : null;
    }

    private static double decades(double[] r) {
        return Math.log10(r[1] / r[0]);
    }

    /** @return how many powers of ten lie in [min, max] */
    static long decadeTicks(double[] r) {
        double eps = 1e-9;
        return (long) Math.floor(Math.log10(r[1]) + eps) - (long) Math.ceil(Math.log10(r[0]) - eps) + 1;
    }

    private static XYChart newChart(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
        XYChart chart = new XYChartBuilder().width(800).height(520).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        return chart;
    }

    /**
     * Saves {@code chart} as {@code base.png} and {@code base.svg}.
     *
     * @param chart the chart
     * @param png   the PNG file; the SVG goes beside it
     * @throws IOException if writing fails
     */
    public static void save(XYChart chart, Path png) throws IOException {
        AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        AtomicFiles.write(svgBeside(png), svg.toByteArray());
    }

    /** The SVG file that goes beside {@code png}: same directory, same base name. */
    static Path svgBeside(Path png) {
        return png.resolveSibling(png.getFileName().toString().replaceFirst("\\.png$", "") + ".svg");
    }
}
