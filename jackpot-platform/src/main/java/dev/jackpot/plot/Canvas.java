package dev.jackpot.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * The few drawing operations a hand-laid-out figure needs, with a raster back end (Java2D into a
 * {@link BufferedImage}) and an SVG back end (text written directly), so that one layout routine
 * produces a PNG and an SVG that agree. Coordinates are pixels, y pointing down. Only {@link Heatmap}
 * uses it, for the reasons its class comment gives; every other figure is an XChart chart.
 */
interface Canvas {

    /** Horizontal placement of text relative to its anchor point. */
    enum Align { START, MIDDLE, END }

    /**
     * Fills an axis-aligned rectangle.
     */
    void fill(double x, double y, double w, double h, Color colour);

    /**
     * Outlines an axis-aligned rectangle with a 1-pixel line.
     */
    void outline(double x, double y, double w, double h, Color colour);

    /**
     * Draws a 1-pixel line segment.
     */
    void line(double x1, double y1, double x2, double y2, Color colour);

    /**
     * Fills a rectangle with a vertical gradient from {@code bottom} to {@code top}.
     */
    void verticalGradient(double x, double y, double w, double h, Color bottom, Color top);

    /**
     * Draws text whose vertical centre passes through (x, y), placed horizontally by {@code align},
     * rotated by {@code degrees} about (x, y) (positive turns clockwise on screen).
     */
    void text(String s, double x, double y, Font font, Align align, double degrees, Color colour);

    /** The font metrics both back ends lay text out with (the SVG viewer's font may differ slightly). */
    static FontMetrics metrics(Font font) {
        return Metrics.G.getFontMetrics(font);
    }

    /** Offset from the vertical centre of a line of text to its baseline. */
    static double baselineOffset(Font font) {
        FontMetrics m = metrics(font);
        return (m.getAscent() - m.getDescent()) / 2.0;
    }

    /** Holds the graphics context used only to measure text. */
    final class Metrics {
        static final Graphics2D G;

        static {
            System.setProperty("java.awt.headless", "true");
            G = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            G.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            G.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        }

        private Metrics() {
        }
    }

    /** Draws into an RGB image with a white background. */
    final class Raster implements Canvas {
        private final BufferedImage image;
        private final Graphics2D g;

        Raster(int width, int height) {
            image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setStroke(new BasicStroke(1f));
        }

        BufferedImage finish() {
            g.dispose();
            return image;
        }

        @Override
        public void fill(double x, double y, double w, double h, Color colour) {
            g.setColor(colour);
            g.fill(new Rectangle2D.Double(x, y, w, h));
        }

        @Override
        public void outline(double x, double y, double w, double h, Color colour) {
            // Half-pixel offset puts a 1-pixel line on whole pixels instead of blurring it over two.
            g.setColor(colour);
            g.draw(new Rectangle2D.Double(x + 0.5, y + 0.5, w - 1, h - 1));
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, Color colour) {
            g.setColor(colour);
            g.draw(new Line2D.Double(x1 + 0.5, y1 + 0.5, x2 + 0.5, y2 + 0.5));
        }

        @Override
        public void verticalGradient(double x, double y, double w, double h, Color bottom, Color top) {
            g.setPaint(new GradientPaint(0f, (float) (y + h), bottom, 0f, (float) y, top));
            g.fill(new Rectangle2D.Double(x, y, w, h));
        }

        @Override
        public void text(String s, double x, double y, Font font, Align align, double degrees, Color colour) {
            AffineTransform saved = g.getTransform();
            g.translate(x, y);
            g.rotate(Math.toRadians(degrees));
            g.setFont(font);
            g.setColor(colour);
            double width = metrics(font).getStringBounds(s, g).getWidth();
            double dx = switch (align) {
                case START -> 0;
                case MIDDLE -> -width / 2;
                case END -> -width;
            };
            g.drawString(s, (float) dx, (float) baselineOffset(font));
            g.setTransform(saved);
        }
    }

    /** Writes SVG 1.1 text. */
    final class Svg implements Canvas {
        private final StringBuilder body = new StringBuilder();
        private final StringBuilder defs = new StringBuilder();
        private final int width;
        private final int height;
        private int gradients;

        Svg(int width, int height) {
            this.width = width;
            this.height = height;
        }

        String finish() {
            StringBuilder out = new StringBuilder(body.length() + defs.length() + 400);
            out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width)
                    .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                    .append(height).append("\">\n");
            if (!defs.isEmpty()) {
                out.append("<defs>\n").append(defs).append("</defs>\n");
            }
            out.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                    .append("\" fill=\"rgb(255,255,255)\"/>\n");
            out.append(body).append("</svg>\n");
            return out.toString();
        }

        @Override
        public void fill(double x, double y, double w, double h, Color colour) {
            // crispEdges keeps adjacent cells from showing hairline seams in viewers that anti-alias.
            body.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                    .append(num(w)).append("\" height=\"").append(num(h)).append("\" fill=\"").append(rgb(colour))
                    .append('"').append(opacity("fill-opacity", colour)).append(" shape-rendering=\"crispEdges\"/>\n");
        }

        @Override
        public void outline(double x, double y, double w, double h, Color colour) {
            body.append("<rect x=\"").append(num(x + 0.5)).append("\" y=\"").append(num(y + 0.5))
                    .append("\" width=\"").append(num(w - 1)).append("\" height=\"").append(num(h - 1))
                    .append("\" fill=\"none\" stroke=\"").append(rgb(colour)).append('"')
                    .append(opacity("stroke-opacity", colour)).append(" stroke-width=\"1\"/>\n");
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, Color colour) {
            body.append("<line x1=\"").append(num(x1 + 0.5)).append("\" y1=\"").append(num(y1 + 0.5))
                    .append("\" x2=\"").append(num(x2 + 0.5)).append("\" y2=\"").append(num(y2 + 0.5))
                    .append("\" stroke=\"").append(rgb(colour)).append('"').append(opacity("stroke-opacity", colour))
                    .append(" stroke-width=\"1\"/>\n");
        }

        @Override
        public void verticalGradient(double x, double y, double w, double h, Color bottom, Color top) {
            String id = "gradient" + (++gradients);
            defs.append("<linearGradient id=\"").append(id).append("\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">")
                    .append("<stop offset=\"0\" stop-color=\"").append(rgb(bottom)).append("\"/>")
                    .append("<stop offset=\"1\" stop-color=\"").append(rgb(top)).append("\"/>")
                    .append("</linearGradient>\n");
            body.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                    .append(num(w)).append("\" height=\"").append(num(h)).append("\" fill=\"url(#").append(id)
                    .append(")\"/>\n");
        }

        @Override
        public void text(String s, double x, double y, Font font, Align align, double degrees, Color colour) {
            String anchor = switch (align) {
                case START -> "start";
                case MIDDLE -> "middle";
                case END -> "end";
            };
            body.append("<text transform=\"translate(").append(num(x)).append(',').append(num(y)).append(')');
            if (degrees != 0) {
                body.append(" rotate(").append(num(degrees)).append(')');
            }
            body.append("\" x=\"0\" y=\"").append(num(baselineOffset(font))).append("\" text-anchor=\"")
                    .append(anchor).append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"")
                    .append(font.getSize()).append('"');
            if (font.isBold()) {
                body.append(" font-weight=\"bold\"");
            }
            body.append(" fill=\"").append(rgb(colour)).append("\">").append(escape(s)).append("</text>\n");
        }

        private static String rgb(Color c) {
            return "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
        }

        private static String opacity(String attribute, Color c) {
            return c.getAlpha() == 255 ? "" : " " + attribute + "=\"" + num(c.getAlpha() / 255.0) + "\"";
        }

        private static String num(double v) {
            if (v == Math.rint(v) && Math.abs(v) < 1e9) {
                return Long.toString((long) v);
            }
            return String.format(Locale.ROOT, "%.3f", v).replaceFirst("0+$", "").replaceFirst("\\.$", "");
        }

        static String escape(String s) {
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&apos;");
                    default -> {
                        // XML 1.0 forbids most control characters even when escaped.
                        if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                            out.append(c);
                        }
                    }
                }
            }
            return out.toString();
        }
    }
}
