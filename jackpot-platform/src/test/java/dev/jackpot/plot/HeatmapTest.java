package dev.jackpot.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeatmapTest {

    private static final double NAN = Double.NaN;

    /** Row 0 (smallest y) at the bottom: {0.2, 0.8}; row 1 at the top: {NaN, 0.4}. */
    private static Heatmap twoByTwo() {
        return Heatmaps.successGrid("Phase <diagram> & co", "N", "r", new double[] {100, 1000},
                new double[] {5, 10}, new double[][] {{0.2, 0.8}, {NAN, 0.4}});
    }

    @Test
    void savesAPngThatDecodesAndAnSvgThatParsesBesideIt(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("plots/phase.png");
        twoByTwo().save(png);
        BufferedImage image = FigureFiles.decodePng(png);
        assertEquals(Heatmap.DEFAULT_WIDTH, image.getWidth());
        assertEquals(Heatmap.DEFAULT_HEIGHT, image.getHeight());
        Document svg = FigureFiles.parseSvg(dir.resolve("plots/phase.svg"));
        assertEquals("800", svg.getDocumentElement().getAttribute("width"));
        try (var files = Files.list(dir.resolve("plots"))) {
            assertEquals(List.of("phase.png", "phase.svg"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void cellsAreGreyFromBlackToWhiteWithYIncreasingUpwardsAndMissingCellsLightRed() {
        BufferedImage image = twoByTwo().image();
        double[] low = centroid(image, new Color(51, 51, 51));      // z = 0.2 at (x0, y0)
        double[] high = centroid(image, new Color(204, 204, 204));  // z = 0.8 at (x1, y0)
        double[] mid = centroid(image, new Color(102, 102, 102));   // z = 0.4 at (x1, y1)
        double[] none = centroid(image, Heatmap.NO_DATA);           // NaN at (x0, y1)
        assertTrue(low[2] > 20000 && high[2] > 20000 && mid[2] > 20000 && none[2] > 20000,
                "each cell should cover a large area");
        assertTrue(high[0] > low[0] + 100, "x increases to the right");
        assertTrue(mid[1] < high[1] - 100, "y increases upwards");
        assertTrue(none[1] < low[1] - 100 && Math.abs(none[0] - low[0]) < 20, "the NaN cell is above the first");
    }

    @Test
    void theSvgDrawsTheSameCellsWithTheLabelsEscaped() throws Exception {
        Heatmap map = twoByTwo();
        String text = map.svg();
        assertTrue(text.contains("Phase &lt;diagram&gt; &amp; co"), "the title is escaped");
        assertTrue(text.contains("no data"), "the NaN cell is explained");
        List<Element> cells = new ArrayList<>();
        Path file = Files.createTempFile("heatmap", ".svg");
        try {
            Files.writeString(file, text);
            NodeList rects = FigureFiles.parseSvg(file).getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
            for (int i = 0; i < rects.getLength(); i++) {
                cells.add((Element) rects.item(i));
            }
        } finally {
            Files.delete(file);
        }
        Element low = withFill(cells, "rgb(51,51,51)");
        Element mid = withFill(cells, "rgb(102,102,102)");
        Element high = withFill(cells, "rgb(204,204,204)");
        Element none = withFill(cells, "rgb(255,160,160)");
        assertTrue(num(high, "x") > num(low, "x"));
        assertTrue(num(mid, "y") < num(high, "y"));
        assertEquals(num(none, "x"), num(low, "x"));
        assertTrue(num(none, "y") < num(low, "y"));
        // Neighbouring cells share their edge exactly.
        assertEquals(num(low, "x") + num(low, "width"), num(high, "x"));
        assertEquals(num(mid, "y") + num(mid, "height"), num(high, "y"));
    }

    @Test
    void manyColumnsAndASingleCellBothRender(@TempDir Path dir) throws Exception {
        double[] x = new double[60];
        double[][] z = new double[2][60];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1e-5 * Math.pow(1.4, i);
            z[0][i] = i / 59.0;
            z[1][i] = 1 - i / 59.0;
        }
        Heatmap wide = Heatmaps.successGrid("many", "lambda", "K", x, new double[] {1, 2}, z);
        wide.save(dir.resolve("wide.png"));
        FigureFiles.decodePng(dir.resolve("wide.png"));
        FigureFiles.parseSvg(dir.resolve("wide.svg"));
        assertFalse(wide.hasMissingCells());
        assertFalse(wide.svg().contains("no data"), "no note without missing cells");

        Heatmap one = Heatmaps.successGrid("", "", "", new double[] {3}, new double[] {7}, new double[][] {{1}})
                .withSize(300, 200);
        BufferedImage image = one.image();
        assertEquals(300, image.getWidth());
        assertEquals(200, image.getHeight());
    }

    @Test
    void rejectsMismatchedOrOutOfRangeData() {
        double[] x = {1, 2};
        double[] y = {1, 2};
        var rows = assertThrows(IllegalArgumentException.class,
                () -> Heatmaps.successGrid("t", "x", "y", x, y, new double[][] {{0, 1}}));
        assertTrue(rows.getMessage().contains("one row per y value (2), got 1 rows"), rows.getMessage());
        var row = assertThrows(IllegalArgumentException.class,
                () -> Heatmaps.successGrid("t", "x", "y", x, y, new double[][] {{0, 1}, {0}}));
        assertTrue(row.getMessage().contains("row z[1] must have one entry per x value (2), got 1 entries"),
                row.getMessage());
        var range = assertThrows(IllegalArgumentException.class,
                () -> Heatmaps.successGrid("t", "x", "y", x, y, new double[][] {{0, 1}, {1.5, 0}}));
        assertTrue(range.getMessage().contains("z[1][0] = 1.5"), range.getMessage());
        var order = assertThrows(IllegalArgumentException.class,
                () -> Heatmaps.successGrid("t", "x", "y", new double[] {2, 1}, y, new double[][] {{0, 1}, {1, 0}}));
        assertTrue(order.getMessage().contains("xValues must be strictly increasing, got 2.0 then 1.0"),
                order.getMessage());
        var empty = assertThrows(IllegalArgumentException.class,
                () -> Heatmaps.successGrid("t", "x", "y", new double[0], y, new double[][] {{}, {}}));
        assertTrue(empty.getMessage().contains("xValues must hold at least one value"), empty.getMessage());
        var scale = assertThrows(IllegalArgumentException.class,
                () -> Heatmaps.grid("t", "x", "y", "z", x, y, new double[][] {{0, 1}, {1, 0}}, 1, 1));
        assertTrue(scale.getMessage().contains("[1.0, 1.0]"), scale.getMessage());
    }

    @Test
    void tickLabelsAreShortAndLocaleFree() {
        assertEquals("100", TickFormat.format(100));
        assertEquals("0", TickFormat.format(0));
        assertEquals("0.25", TickFormat.format(0.25));
        assertEquals("-0.3333", TickFormat.format(-1 / 3.0));
        assertEquals("1.5e-6", TickFormat.format(1.5e-6));
        assertEquals("2e6", TickFormat.format(2e6));
        assertEquals("1.235e7", TickFormat.format(12345678.9));
        assertEquals("NaN", TickFormat.format(Double.NaN));
    }

    /** The one cell of this fill (the note's small swatch shares the no-data colour). */
    private static Element withFill(List<Element> rects, String fill) {
        List<Element> found = rects.stream().filter(e -> fill.equals(e.getAttribute("fill")))
                .filter(e -> num(e, "width") > 50).toList();
        assertEquals(1, found.size(), "one cell filled " + fill);
        return found.get(0);
    }

    private static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /** Mean x, mean y and count of the pixels of exactly {@code colour}. */
    private static double[] centroid(BufferedImage image, Color colour) {
        double sx = 0;
        double sy = 0;
        long n = 0;
        int rgb = colour.getRGB() & 0xffffff;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        return new double[] {sx / n, sy / n, n};
    }
}
