package dev.jackpot.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {

    private static final double[] X = {100, 200, 400, 800};

    @Test
    void aBandIsATranslucentPolygonBehindItsLineAndOutOfTheLegend() {
        XYChart chart = Charts.bands("t", "N", "error", false, false,
                List.of(new Charts.Band("magnitude", X, new double[] {4, 3, 2, 1}, new double[] {1, 1, 0.5, 0})));
        List<String> names = List.copyOf(chart.getSeriesMap().keySet());
        assertEquals(List.of("magnitude (band)", "magnitude"), names, "the band is drawn first");
        XYSeries band = chart.getSeriesMap().get("magnitude (band)");
        assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, band.getXYSeriesRenderStyle());
        assertFalse(band.isShowInLegend());
        assertTrue(band.getFillColor().getAlpha() < 128, "the band is translucent");
        // Upper edge left to right, then the lower edge back.
        assertArrayEquals(new double[] {100, 200, 400, 800, 800, 400, 200, 100}, band.getXData());
        assertArrayEquals(new double[] {5, 4, 2.5, 1, 1, 1.5, 2, 3}, band.getYData());
        XYSeries line = chart.getSeriesMap().get("magnitude");
        assertEquals(XYSeries.XYSeriesRenderStyle.Line, line.getXYSeriesRenderStyle());
        assertEquals(line.getLineColor().getRGB() & 0xffffff, band.getFillColor().getRGB() & 0xffffff);
        assertEquals(SeriesMarkers.CIRCLE, line.getMarker(), "a short series has markers");
    }

    @Test
    void logAxesDropNonPositivePointsAndCutTheBandAtTheSmallestValueDrawn() {
        double[] x = {0, 10, 100, 1000};
        XYChart chart = Charts.bands("t", "N", "error", true, true,
                List.of(new Charts.Band("a", x, new double[] {1, 0.5, -1, 0.1}, new double[] {0.1, 1, 0.1, Double.NaN})));
        XYSeries line = chart.getSeriesMap().get("a");
        assertArrayEquals(new double[] {10, 1000}, line.getXData(), "x = 0 and the negative mean are dropped");
        assertArrayEquals(new double[] {0.5, 0.1}, line.getYData());
        XYSeries band = chart.getSeriesMap().get("a (band)");
        // At x = 10 the lower edge 0.5 - 1 is cut at 0.1, the smallest value drawn; at x = 1000 NaN gives no width.
        assertArrayEquals(new double[] {1.5, 0.1, 0.1, 0.1}, band.getYData(), 1e-15);
    }

    @Test
    void aLogAxisOverLessThanADecadeLabelsEveryTickAndAWiderOneAtLeastTwoDecades(@TempDir Path dir) throws Exception {
        double[] y = {90, 89, 88};
        // A 2-level lottery run: densities 1 to 0.64, where decade labels would show "1" alone.
        XYChart narrow = Charts.bands("t", "density (log)", "accuracy %", true, false,
                List.of(new Charts.Band("ticket", new double[] {1, 0.8, 0.64}, y, new double[] {0.1, 0.1, 0.1})));
        assertFalse(narrow.getStyler().isXAxisLogarithmicDecadeOnly());
        Charts.save(narrow, dir.resolve("narrow.png"));
        // 1 to 0.036: the decades 0.1 and 1 both fall inside, as labels.
        XYChart wide = Charts.lines("t", "density", "accuracy", true, false,
                List.of(new Charts.Series("a", new double[] {1, 0.2, 0.036}, y)));
        assertTrue(wide.getStyler().isXAxisLogarithmicDecadeOnly());
        assertEquals(null, wide.getStyler().getXAxisMin());
        // 0.9 to 0.012 holds only the decade 0.1: the axis is extended down to 0.01.
        XYChart sparse = Charts.lines("t", "density", "error", true, true,
                List.of(new Charts.Series("a", new double[] {0.9, 0.1, 0.012}, new double[] {0.5, 0.4, 0.3})));
        assertTrue(sparse.getStyler().isXAxisLogarithmicDecadeOnly());
        assertEquals(0.01, sparse.getStyler().getXAxisMin(), 1e-15);
        assertFalse(sparse.getStyler().isYAxisLogarithmicDecadeOnly(), "0.3 to 0.5 on log y: every tick");
        assertEquals(2, Charts.decadeTicks(new double[] {0.036, 1}));
        assertEquals(1, Charts.decadeTicks(new double[] {0.012, 0.9}));
        assertEquals(0, Charts.decadeTicks(new double[] {0.2, 0.9}));
    }

    @Test
    void longSeriesHaveNoMarkersAndTheChartSavesAsPngAndSvg(@TempDir Path dir) throws Exception {
        int n = Charts.MAX_POINTS_WITH_MARKERS + 1;
        double[] x = new double[n];
        double[] m = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 * Math.pow(1.2, i);
            m[i] = 1 / Math.sqrt(x[i]);
            s[i] = 0.3 * m[i];
        }
        XYChart chart = Charts.bands("Test error against N", "N", "test error (mean +/- std)", true, true,
                List.of(new Charts.Band("long", x, m, s), new Charts.Band("short", X, new double[] {0.3, 0.2, 0.1, 0.05},
                        new double[] {0.05, 0.05, 0.02, 0.01})));
        assertEquals(SeriesMarkers.NONE, chart.getSeriesMap().get("long").getMarker());
        assertTrue(chart.getSeriesMap().get("long").getLineColor().getRGB()
                != chart.getSeriesMap().get("short").getLineColor().getRGB(), "each series its own colour");
        Path png = dir.resolve("plots/bands.png");
        Charts.save(chart, png);
        BufferedImage image = FigureFiles.decodePng(png);
        assertEquals(800, image.getWidth());
        assertEquals(520, image.getHeight());
        FigureFiles.parseSvg(dir.resolve("plots/bands.svg"));
    }

    @Test
    void aBandRejectsMismatchedLengthsAndNegativeSpreads() {
        var lengths = assertThrows(IllegalArgumentException.class,
                () -> new Charts.Band("b", X, new double[] {1, 2, 3}, new double[] {0, 0, 0, 0}));
        assertTrue(lengths.getMessage().contains("4 x values, 3 means and 4 spreads"), lengths.getMessage());
        var negative = assertThrows(IllegalArgumentException.class,
                () -> new Charts.Band("b", X, new double[] {1, 2, 3, 4}, new double[] {0, -0.5, 0, 0}));
        assertTrue(negative.getMessage().contains("spread -0.5 at index 1"), negative.getMessage());
    }
}
