package dev.jackpot.report;

import dev.jackpot.experiment.AtomicFiles;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@link Report} into a run directory as two files, each atomically:
 *
 * <pre>
 *   &lt;run&gt;/report.html   one self-contained file: CSS inline, every figure embedded as a
 *                       base64 PNG, so it can be mailed or opened anywhere
 *   &lt;run&gt;/report.md     Markdown linking the figures as plots/NAME.png
 * </pre>
 *
 * A figure whose PNG is missing or unreadable is reported as such in both files; it does not stop
 * the report. Every string of the report is escaped, so no text can break the markup.
 */
public final class ReportWriter {

    /** The HTML report's file name in the run directory. */
    public static final String HTML_FILE = "report.html";

    /** The Markdown report's file name in the run directory. */
    public static final String MARKDOWN_FILE = "report.md";

    /** The directory of plots, relative to the run directory. */
    public static final String PLOTS_DIR = "plots";

    private static final String CSS = """
            body { font-family: -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif;
                   color: #1b1b1b; background: #fff; margin: 0; line-height: 1.45; }
            main { max-width: 960px; margin: 0 auto; padding: 24px; }
            h1 { font-size: 1.7em; margin: 0.2em 0 0.5em; }
            h2 { font-size: 1.3em; margin-top: 1.8em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
            h3 { font-size: 1.05em; margin-top: 1.4em; }
            table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.92em; }
            th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            tr.reproduced td.outcome { color: #116329; background: #e6f4ea; font-weight: bold; white-space: nowrap; }
            tr.not-reproduced td.outcome { color: #a40e26; background: #fdeaea; font-weight: bold;
                                           white-space: nowrap; }
            tr.inconclusive td.outcome, tr.not-tested td.outcome { color: #6b5000; background: #fff6dc;
                                           font-weight: bold; white-space: nowrap; }
            td.number { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; text-align: right;
                        white-space: nowrap; }
            figure { margin: 1.2em 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { font-size: 0.92em; color: #333; margin-top: 0.3em; }
            p.missing { color: #a40e26; background: #fdeaea; padding: 8px 12px; border-left: 4px solid #a40e26; }
            pre { background: #f6f8fa; padding: 12px; overflow-x: auto; font-size: 0.88em; }
            table.provenance td:first-child { font-weight: bold; white-space: nowrap; }
            """;

    private ReportWriter() {
    }

    /**
     * Writes {@code report.md}, then {@code report.html}, into {@code runDir}, reading the figures from
     * {@code runDir/plots/}.
     *
     * @param report the report
     * @param runDir the run directory (created if absent)
     * @throws IOException if a report file cannot be written (a missing figure is not an error)
     */
    public static void write(Report report, Path runDir) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(runDir, "runDir");
        AtomicFiles.writeString(runDir.resolve(MARKDOWN_FILE), markdown(report, runDir));
        AtomicFiles.writeString(runDir.resolve(HTML_FILE), html(report, runDir));
    }

    /**
     * Renders the report as one self-contained HTML page.
     *
     * @param report the report
     * @param runDir the run directory whose {@code plots/} holds the figures
     * @return the HTML document
     */
    public static String html(Report report, Path runDir) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(runDir, "runDir");
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escapeHtml(report.title())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<h1>").append(escapeHtml(report.title())).append("</h1>\n");
        for (String paragraph : paragraphs(report.summary())) {
            h.append("<p>").append(escapeHtml(paragraph)).append("</p>\n");
        }

        if (!report.claims().isEmpty()) {
            h.append("<h2>Claims</h2>\n<p>").append(claimCount(report)).append("</p>\n");
            h.append("<table class=\"claims\">\n<thead><tr><th>Figure</th><th>Claim</th><th>Outcome</th>")
                    .append("<th>Statistic</th><th>Value</th><th>Detail</th></tr></thead>\n<tbody>\n");
            for (Claim c : report.claims()) {
                h.append("<tr class=\"").append(cssClass(c.status())).append("\">")
                        .append("<td>").append(escapeHtml(c.figure())).append("</td>")
                        .append("<td>").append(escapeHtml(c.claim())).append("</td>")
                        .append("<td class=\"outcome\">")
                        .append(htmlMark(c.status())).append(' ').append(c.status().label()).append("</td>")
                        .append("<td>").append(escapeHtml(c.statistic())).append("</td>")
                        .append("<td class=\"number\">").append(escapeHtml(formatValue(c.value()))).append("</td>")
                        .append("<td>").append(escapeHtml(c.detail())).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }

        if (!report.figures().isEmpty()) {
            h.append("<h2>Figures</h2>\n");
            int number = 0;
            for (Figure f : report.figures()) {
                number++;
                h.append("<figure id=\"figure-").append(number).append("\">\n");
                Path png = runDir.resolve(PLOTS_DIR).resolve(f.name() + ".png");
                String problem = null;
                byte[] bytes = null;
                if (!Files.isRegularFile(png)) {
                    problem = "was not found";
                } else {
                    try {
                        bytes = Files.readAllBytes(png);
                    } catch (IOException e) {
                        problem = "could not be read (" + e.getMessage() + ")";
                    }
                }
                if (bytes != null) {
                    h.append("<img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(bytes))
                            .append("\" alt=\"").append(escapeHtml(f.caption())).append("\">\n");
                } else {
                    h.append("<p class=\"missing\">").append(escapeHtml(missingText(f, problem))).append("</p>\n");
                }
                h.append("<figcaption><b>Figure ").append(number).append(" (").append(escapeHtml(f.name()))
                        .append(").</b> ").append(escapeHtml(f.caption())).append("</figcaption>\n</figure>\n");
            }
        }

        if (!report.tables().isEmpty()) {
            h.append("<h2>Tables</h2>\n");
            for (Table t : report.tables()) {
                h.append("<h3>").append(escapeHtml(t.title())).append("</h3>\n<table>\n<thead><tr>");
                for (String column : t.header()) {
                    h.append("<th>").append(escapeHtml(column)).append("</th>");
                }
                h.append("</tr></thead>\n<tbody>\n");
                for (List<String> row : t.rows()) {
                    h.append("<tr>");
                    for (String cell : row) {
                        h.append("<td>").append(escapeHtml(cell)).append("</td>");
                    }
                    h.append("</tr>\n");
                }
                h.append("</tbody>\n</table>\n");
            }
        }

        if (!report.specYaml().isBlank()) {
            h.append("<h2>Spec</h2>\n<pre><code>").append(escapeHtml(report.specYaml().strip()))
                    .append("</code></pre>\n");
        }

        if (!report.provenance().isEmpty()) {
            h.append("<h2>Provenance</h2>\n<table class=\"provenance\">\n<tbody>\n");
            for (Map.Entry<String, String> e : report.provenance().entrySet()) {
                h.append("<tr><td>").append(escapeHtml(e.getKey())).append("</td><td>")
                        .append(escapeHtml(e.getValue())).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /**
     * Renders the report as Markdown (CommonMark with GitHub tables), figures linked by relative path.
     *
     * @param report the report
     * @param runDir the run directory whose {@code plots/} holds the figures (checked for presence only)
     * @return the Markdown text
     */
    public static String markdown(Report report, Path runDir) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(runDir, "runDir");
        StringBuilder m = new StringBuilder(1 << 12);
        m.append("# ").append(escapeMarkdown(oneLine(report.title()))).append("\n\n");
        for (String paragraph : paragraphs(report.summary())) {
            m.append(escapeMarkdown(oneLine(paragraph))).append("\n\n");
        }

        if (!report.claims().isEmpty()) {
            m.append("## Claims\n\n").append(claimCount(report)).append("\n\n");
            List<List<String>> rows = new ArrayList<>();
            for (Claim c : report.claims()) {
                rows.add(List.of(c.figure(), c.claim(), mark(c.status()) + " " + c.status().label(),
                        c.statistic(), formatValue(c.value()), c.detail()));
            }
            pipeTable(m, List.of("Figure", "Claim", "Outcome", "Statistic", "Value", "Detail"), rows);
        }

        if (!report.figures().isEmpty()) {
            m.append("## Figures\n\n");
            int number = 0;
            for (Figure f : report.figures()) {
                number++;
                Path png = runDir.resolve(PLOTS_DIR).resolve(f.name() + ".png");
                if (Files.isRegularFile(png)) {
                    m.append("![").append(escapeMarkdown(oneLine(f.caption()))).append("](").append(f.png())
                            .append(")\n\n");
                } else {
                    m.append("> **").append(escapeMarkdown(missingText(f, "was not found"))).append("**\n\n");
                }
                m.append("*Figure ").append(number).append(" (").append(escapeMarkdown(f.name())).append(").* ")
                        .append(escapeMarkdown(oneLine(f.caption())));
                if (Files.isRegularFile(runDir.resolve(PLOTS_DIR).resolve(f.name() + ".svg"))) {
                    m.append(" ([SVG](").append(f.svg()).append("))");
                }
                m.append("\n\n");
            }
        }

        if (!report.tables().isEmpty()) {
            m.append("## Tables\n\n");
            for (Table t : report.tables()) {
                m.append("### ").append(escapeMarkdown(oneLine(t.title()))).append("\n\n");
                pipeTable(m, t.header(), t.rows());
            }
        }

        if (!report.specYaml().isBlank()) {
            String fence = fenceFor(report.specYaml());
            m.append("## Spec\n\n").append(fence).append("yaml\n").append(report.specYaml().strip()).append('\n')
                    .append(fence).append("\n\n");
        }

        if (!report.provenance().isEmpty()) {
            m.append("## Provenance\n\n");
            List<List<String>> rows = new ArrayList<>();
            report.provenance().forEach((k, v) -> rows.add(List.of(k, v)));
            pipeTable(m, List.of("Key", "Value"), rows);
        }
        // One trailing newline, whatever the last section was.
        while (m.length() > 1 && m.charAt(m.length() - 1) == '\n' && m.charAt(m.length() - 2) == '\n') {
            m.setLength(m.length() - 1);
        }
        return m.toString();
    }

    private static String claimCount(Report report) {
        StringBuilder b = new StringBuilder().append(report.reproducedCount()).append(" of ")
                .append(report.claims().size()).append(" claims reproduced");
        for (Claim.Status s : List.of(Claim.Status.INCONCLUSIVE, Claim.Status.NOT_TESTED)) {
            long n = report.claims().stream().filter(c -> c.status() == s).count();
            if (n > 0) {
                b.append(", ").append(n).append(' ').append(s.label());
            }
        }
        return b.append('.').toString();
    }

    private static String cssClass(Claim.Status s) {
        return switch (s) {
            case REPRODUCED -> "reproduced";
            case NOT_REPRODUCED -> "not-reproduced";
            case INCONCLUSIVE -> "inconclusive";
            case NOT_TESTED -> "not-tested";
        };
    }

    private static String htmlMark(Claim.Status s) {
        return switch (s) {
            case REPRODUCED -> "&#10004;";
            case NOT_REPRODUCED -> "&#10008;";
            case INCONCLUSIVE, NOT_TESTED -> "&#8212;";
        };
    }

    private static String mark(Claim.Status s) {
        return switch (s) {
            case REPRODUCED -> "\u2705";
            case NOT_REPRODUCED -> "\u274c";
            case INCONCLUSIVE, NOT_TESTED -> "\u2796";
        };
    }

    private static String missingText(Figure f, String problem) {
        return "Figure '" + f.name() + "' is missing: " + f.png() + " " + problem + " when this report was written.";
    }

    private static void pipeTable(StringBuilder m, List<String> header, List<List<String>> rows) {
        m.append('|');
        for (String column : header) {
            m.append(' ').append(escapeCell(column)).append(" |");
        }
        m.append("\n|");
        for (int c = 0; c < header.size(); c++) {
            m.append("---|");
        }
        m.append('\n');
        for (List<String> row : rows) {
            m.append('|');
            for (String cell : row) {
                m.append(' ').append(escapeCell(cell)).append(" |");
            }
            m.append('\n');
        }
        m.append('\n');
    }

    /** Splits text into paragraphs at blank lines, dropping empty ones. */
    private static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        for (String p : text.strip().split("\\R\\s*\\R")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** A code fence longer than any run of backticks in {@code text}, so the text cannot close it. */
    private static String fenceFor(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /**
     * A statistic's value: integers exactly, others to four significant digits, NaN as {@code n/a}.
     *
     * @param v the value
     * @return its text
     */
    static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
        double a = Math.abs(v);
        return a >= 1e-4 && a < 1e7 ? rounded.toPlainString() : rounded.toString().replace("E", "e");
    }

    /**
     * Escapes text for HTML element content and attribute values.
     *
     * @param s the text
     * @return the text with {@code & < > " '} replaced by character references
     */
    public static String escapeHtml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Escapes the characters that Markdown (CommonMark and GitHub's tables) would read as markup, with
     * backslashes, so the text shows literally.
     */
    private static String escapeMarkdown(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\`*_[]<>|&~#".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String escapeCell(String s) {
        // A table cell must stay on one line; a line break inside it is kept as <br>.
        String[] lines = s.strip().split("\\s*\\R\\s*");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append("<br>");
            }
            out.append(escapeMarkdown(lines[i]));
        }
        return out.toString();
    }
}
