package dev.jackpot.plot;

import dev.jackpot.experiment.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Line charts with XChart, saved as PNG and SVG side by side (atomically). Runs headless.
 */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

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
        XYChart chart = new XYChartBuilder().width(800).height(520).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
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
            if (xs.size() > 30) {
                line.setMarker(SeriesMarkers.NONE);
            }
        }
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
        String name = png.getFileName().toString().replaceFirst("\\.png$", "") + ".svg";
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        AtomicFiles.write(png.resolveSibling(name), svg.toByteArray());
    }
}
