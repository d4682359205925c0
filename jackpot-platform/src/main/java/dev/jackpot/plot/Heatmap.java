package dev.jackpot.plot;

import dev.jackpot.experiment.AtomicFiles;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A grid of cells shaded from black (the minimum value) to white (the maximum), one cell per
 * (x, y) pair, in the style of the phase diagrams of Zhang et al. (NeurIPS 2021), Figs. 2 and 4:
 * x grows to the right, y grows upwards, each axis is labelled with the actual x and y values
 * (evenly spaced, whatever the values' spacing), and a colour bar on the right gives the scale.
 * Cells whose value is NaN (no data) are drawn light red, explained in a note under the axis.
 *
 * <p>Laid out by hand with Java2D; {@link #png()} and {@link #svg()} draw the same layout, so the
 * two files agree. Create one with {@link Heatmaps}. Immutable.
 *
 * <p>Why not XChart's {@code HeatMapChart} (3.8.8), which would otherwise be the choice (every other
 * figure is an XChart chart, see {@link Charts}): it draws a NaN cell black (tried), which on the
 * black-to-white scale of the paper's phase diagrams reads as the minimum, so "no trial ran here"
 * could not be told from "every trial failed"; and its colour bar carries no title, so the quantity
 * shaded (success rate, test accuracy) would go unlabelled.
 */
public final class Heatmap {

    /** Colour of cells without data: light red, unlike any grey. */
    public static final Color NO_DATA = new Color(255, 160, 160);

    /** Default width in pixels. */
    public static final int DEFAULT_WIDTH = 800;

    /** Default height in pixels. */
    public static final int DEFAULT_HEIGHT = 600;

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int MARGIN = 14;
    private static final int TICK = 5;
    private static final int BAR_WIDTH = 18;
    private static final int BAR_GAP = 24;
    private static final int COLOUR_BAR_TICKS = 5;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final String zLabel;
    private final double[] x;
    private final double[] y;
    private final double[][] z;
    private final double zMin;
    private final double zMax;
    private final int width;
    private final int height;

    Heatmap(String title, String xLabel, String yLabel, String zLabel, double[] x, double[] y, double[][] z,
            double zMin, double zMax, int width, int height) {
        this.title = Objects.requireNonNull(title, "title");
        this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
        this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
        this.zLabel = Objects.requireNonNull(zLabel, "zLabel");
        Objects.requireNonNull(x, "xValues");
        Objects.requireNonNull(y, "yValues");
        Objects.requireNonNull(z, "z");
        if (!(Double.isFinite(zMin) && Double.isFinite(zMax) && zMin < zMax)) {
            throw new IllegalArgumentException("the colour scale needs finite bounds with min < max, got ["
                    + zMin + ", " + zMax + "]");
        }
        checkAxis("xValues", x);
        checkAxis("yValues", y);
        if (z.length != y.length) {
            throw new IllegalArgumentException("z must have one row per y value (" + y.length + "), got "
                    + z.length + " rows");
        }
        this.z = new double[y.length][];
        for (int j = 0; j < y.length; j++) {
            if (z[j] == null || z[j].length != x.length) {
                throw new IllegalArgumentException("row z[" + j + "] must have one entry per x value (" + x.length
                        + "), got " + (z[j] == null ? "null" : z[j].length + " entries"));
            }
            for (int i = 0; i < x.length; i++) {
                double v = z[j][i];
                if (!Double.isNaN(v) && !(v >= zMin && v <= zMax)) {
                    throw new IllegalArgumentException("z[" + j + "][" + i + "] = " + v + " (x = " + x[i] + ", y = "
                            + y[j] + ") is outside the colour scale [" + zMin + ", " + zMax
                            + "]; use NaN for a cell without data");
                }
            }
            this.z[j] = z[j].clone();
        }
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("a heatmap needs at least 200 x 150 pixels, got " + width + " x "
                    + height);
        }
        this.x = x.clone();
        this.y = y.clone();
        this.zMin = zMin;
        this.zMax = zMax;
        this.width = width;
        this.height = height;
    }

    private static void checkAxis(String name, double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one value, got none");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + values[i]);
            }
            if (i > 0 && !(values[i] > values[i - 1])) {
                throw new IllegalArgumentException(name + " must be strictly increasing, got " + values[i - 1]
                        + " then " + values[i] + " at index " + i);
            }
        }
    }

    /**
     * @param width  width in pixels, at least 200
     * @param height height in pixels, at least 150
     * @return the same heatmap drawn at another size
     * @throws IllegalArgumentException if the size is too small
     */
    public Heatmap withSize(int width, int height) {
        return new Heatmap(title, xLabel, yLabel, zLabel, x, y, z, zMin, zMax, width, height);
    }

    /** @return width in pixels */
    public int width() {
        return width;
    }

    /** @return height in pixels */
    public int height() {
        return height;
    }

    /** @return whether some cell has no data (is drawn in {@link #NO_DATA}) */
    public boolean hasMissingCells() {
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isNaN(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return the figure as an RGB image */
    public BufferedImage image() {
        Canvas.Raster canvas = new Canvas.Raster(width, height);
        draw(canvas);
        return canvas.finish();
    }

    /**
     * @return the figure as PNG bytes
     * @throws IOException if encoding fails
     */
    public byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image(), "png", out)) {
            throw new IOException("no PNG writer is available in this JVM");
        }
        return out.toByteArray();
    }

    /** @return the figure as a standalone SVG document */
    public String svg() {
        Canvas.Svg canvas = new Canvas.Svg(width, height);
        draw(canvas);
        return canvas.finish();
    }

    /**
     * Saves the figure as {@code png} and, beside it, the SVG of the same base name, each atomically.
     *
     * @param png the PNG file, e.g. {@code plots/phase.png}; the SVG becomes {@code plots/phase.svg}
     * @throws IOException if writing fails
     */
    public void save(Path png) throws IOException {
        AtomicFiles.write(png, png());
        AtomicFiles.writeString(Charts.svgBeside(png), svg());
    }

    /** The grey of a value: black at zMin, white at zMax. */
    Color grey(double v) {
        int g = (int) Math.round(255 * (v - zMin) / (zMax - zMin));
        g = Math.max(0, Math.min(255, g));
        return new Color(g, g, g);
    }

    private static double lineHeight(Font font) {
        return Canvas.metrics(font).getHeight();
    }

    private static double textWidth(Font font, String s) {
        return Canvas.metrics(font).getStringBounds(s, Canvas.Metrics.G).getWidth();
    }

    private static double maxWidth(Font font, String[] labels) {
        double w = 0;
        for (String s : labels) {
            w = Math.max(w, textWidth(font, s));
        }
        return w;
    }

    private void draw(Canvas c) {
        int nx = x.length;
        int ny = y.length;
        String[] xTicks = new String[nx];
        for (int i = 0; i < nx; i++) {
            xTicks[i] = TickFormat.format(x[i]);
        }
        String[] yTicks = new String[ny];
        for (int j = 0; j < ny; j++) {
            yTicks[j] = TickFormat.format(y[j]);
        }
        String[] barTicks = new String[COLOUR_BAR_TICKS];
        for (int k = 0; k < COLOUR_BAR_TICKS; k++) {
            barTicks[k] = TickFormat.format(zMin + (zMax - zMin) * k / (COLOUR_BAR_TICKS - 1));
        }
        double tickH = lineHeight(TICK_FONT);
        double labelH = lineHeight(LABEL_FONT);
        boolean missing = hasMissingCells();

        double top = MARGIN + (title.isEmpty() ? 0 : lineHeight(TITLE_FONT) + 8);
        double left = MARGIN + (yLabel.isEmpty() ? 0 : labelH + 6) + maxWidth(TICK_FONT, yTicks) + 4 + TICK;
        double right = MARGIN + (zLabel.isEmpty() ? 0 : labelH + 6) + maxWidth(TICK_FONT, barTicks) + 4 + TICK
                + BAR_WIDTH + BAR_GAP;
        double xTickW = maxWidth(TICK_FONT, xTicks);
        double cellW = (width - left - right) / nx;
        // Labels wider than their cell are turned 45 degrees; the first one then reaches left of the plot.
        boolean rotate = xTickW + 6 > cellW;
        if (rotate) {
            left = Math.max(left, MARGIN + xTickW * 0.71 - cellW / 2);
            cellW = (width - left - right) / nx;
        }
        int xStep = rotate ? (int) Math.max(1, Math.ceil(tickH * 1.3 / cellW)) : 1;
        double xTickBlock = rotate ? (xTickW + tickH) * 0.71 : tickH;
        double bottom = MARGIN + (missing ? tickH + 8 : 0) + (xLabel.isEmpty() ? 0 : labelH + 6) + xTickBlock + 4
                + TICK;
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        // A canvas too small for its labels still gets a visible grid; the labels then overlap it.
        plotW = Math.max(plotW, 20);
        plotH = Math.max(plotH, 20);
        double cellH = plotH / ny;
        int yStep = (int) Math.max(1, Math.ceil((tickH + 2) / cellH));

        // Whole-pixel cell edges: neighbouring cells share an edge exactly, so no seams or overlaps.
        long[] xe = new long[nx + 1];
        for (int i = 0; i <= nx; i++) {
            xe[i] = Math.round(left + i * plotW / nx);
        }
        long[] ye = new long[ny + 1];
        for (int j = 0; j <= ny; j++) {
            ye[j] = Math.round(top + plotH - j * plotH / ny);
        }
        double plotLeft = xe[0];
        double plotRight = xe[nx];
        double plotTop = ye[ny];
        double plotBottom = ye[0];

        if (!title.isEmpty()) {
            c.text(title, width / 2.0, MARGIN + lineHeight(TITLE_FONT) / 2, TITLE_FONT, Canvas.Align.MIDDLE, 0,
                    Color.BLACK);
        }
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double v = z[j][i];
                c.fill(xe[i], ye[j + 1], xe[i + 1] - xe[i], ye[j] - ye[j + 1], Double.isNaN(v) ? NO_DATA : grey(v));
            }
        }
        c.outline(plotLeft, plotTop, plotRight - plotLeft, plotBottom - plotTop, Color.BLACK);

        for (int i = 0; i < nx; i += xStep) {
            double cx = (xe[i] + xe[i + 1]) / 2.0;
            c.line(cx, plotBottom, cx, plotBottom + TICK, Color.BLACK);
            if (rotate) {
                c.text(xTicks[i], cx, plotBottom + TICK + 4, TICK_FONT, Canvas.Align.END, -45, Color.BLACK);
            } else {
                c.text(xTicks[i], cx, plotBottom + TICK + 2 + tickH / 2, TICK_FONT, Canvas.Align.MIDDLE, 0,
                        Color.BLACK);
            }
        }
        for (int j = 0; j < ny; j += yStep) {
            double cy = (ye[j] + ye[j + 1]) / 2.0;
            c.line(plotLeft - TICK, cy, plotLeft, cy, Color.BLACK);
            c.text(yTicks[j], plotLeft - TICK - 4, cy, TICK_FONT, Canvas.Align.END, 0, Color.BLACK);
        }
        double xLabelY = plotBottom + TICK + 4 + xTickBlock + 6 + labelH / 2;
        if (!xLabel.isEmpty()) {
            c.text(xLabel, (plotLeft + plotRight) / 2, xLabelY, LABEL_FONT, Canvas.Align.MIDDLE, 0, Color.BLACK);
        }
        if (!yLabel.isEmpty()) {
            c.text(yLabel, MARGIN + labelH / 2, (plotTop + plotBottom) / 2, LABEL_FONT, Canvas.Align.MIDDLE, -90,
                    Color.BLACK);
        }

        double barLeft = Math.round(plotRight + BAR_GAP);
        c.verticalGradient(barLeft, plotTop, BAR_WIDTH, plotBottom - plotTop, grey(zMin), grey(zMax));
        c.outline(barLeft, plotTop, BAR_WIDTH, plotBottom - plotTop, Color.BLACK);
        for (int k = 0; k < COLOUR_BAR_TICKS; k++) {
            double ty = Math.round(plotBottom - 1 - (plotBottom - 1 - plotTop) * k / (COLOUR_BAR_TICKS - 1));
            c.line(barLeft + BAR_WIDTH - 1, ty, barLeft + BAR_WIDTH - 1 + TICK, ty, Color.BLACK);
            c.text(barTicks[k], barLeft + BAR_WIDTH + TICK + 3, ty, TICK_FONT, Canvas.Align.START, 0, Color.BLACK);
        }
        if (!zLabel.isEmpty()) {
            c.text(zLabel, width - MARGIN - labelH / 2, (plotTop + plotBottom) / 2, LABEL_FONT, Canvas.Align.MIDDLE,
                    -90, Color.BLACK);
        }

        if (missing) {
            double noteY = (xLabel.isEmpty() ? plotBottom + TICK + 4 + xTickBlock : xLabelY + labelH / 2) + 6
                    + tickH / 2;
            double swatch = Math.round(tickH * 0.8);
            c.fill(plotLeft, Math.round(noteY - swatch / 2), swatch, swatch, NO_DATA);
            c.outline(plotLeft, Math.round(noteY - swatch / 2), swatch, swatch, Color.GRAY);
            c.text("no data: no trial was run for this (x, y)", plotLeft + swatch + 6, noteY, TICK_FONT,
                    Canvas.Align.START, 0, Color.BLACK);
        }
    }
}
