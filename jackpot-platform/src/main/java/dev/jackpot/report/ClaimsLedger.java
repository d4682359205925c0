package dev.jackpot.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.experiment.AtomicFiles;
import dev.jackpot.experiment.SpecCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every checked claim of every run under a runs directory, in one table: what {@code jackpot claims}
 * prints and writes as a self-contained HTML page. Each run that checks claims writes them to its
 * {@code claims.json} with its report (one shape, {@link Claim#toJson}); the ledger reads those files
 * and nothing else, so it lists finished and resumed runs alike and never recomputes.
 */
public final class ClaimsLedger {

    private ClaimsLedger() {
    }

    /**
     * One claim of one run.
     *
     * @param runId  the run
     * @param kind   its kind (e.g. {@code lottery}, {@code fig4})
     * @param title  its report's title
     * @param dir    its directory
     * @param claim  the claim, as {@link Claim#toJson} wrote it
     */
    public record Row(String runId, String kind, String title, Path dir, JsonNode claim) {

        /** @return the status label, e.g. {@code reproduced}; for files written before statuses, from the flag */
        public String status() {
            return claim.has("status") ? claim.get("status").asText()
                    : claim.path("reproduced").asBoolean() ? "reproduced" : "NOT reproduced";
        }
    }

    /**
     * @param root the runs directory
     * @return every claim of every run directly under it, by run directory name then claim order
     * @throws IOException if a claims file cannot be read
     */
    public static List<Row> scan(Path root) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return rows;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Path f = dir.resolve("claims.json");
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                JsonNode o;
                try {
                    o = SpecCodec.json().readTree(f.toFile());
                } catch (IOException e) {
                    throw new IOException(f + " is not valid JSON (" + e.getMessage() + "); re-run that run's command "
                            + "to rewrite it.", e);
                }
                for (JsonNode c : o.path("claims")) {
                    rows.add(new Row(o.path("runId").asText(dir.getFileName().toString()), o.path("kind").asText(""),
                            o.path("title").asText(""), dir, c));
                }
            }
        }
        return rows;
    }

    /**
     * @param rows the ledger
     * @return the number of claims per status label, in the order reproduced, NOT reproduced, inconclusive,
     *         not tested
     */
    public static Map<String, Long> counts(List<Row> rows) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Claim.Status s : Claim.Status.values()) {
            m.put(s.label(), rows.stream().filter(r -> r.status().equals(s.label())).count());
        }
        return m;
    }

    /**
     * @param rows the ledger
     * @return a Markdown table: status, source, claim, statistic = value, run (pipes in text escaped)
     */
    public static String markdown(List<Row> rows) {
        StringBuilder m = new StringBuilder("| status | source | claim | statistic = value | run |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            m.append("| ").append(cell(r.status())).append(" | ").append(cell(r.claim().path("source").asText()))
                    .append(" | ").append(cell(r.claim().path("claim").asText())).append(" | ")
                    .append(cell(r.claim().path("statistic").asText())).append(" = ")
                    .append(cell(value(r.claim().path("value")))).append(" | `").append(r.runId()).append("` |\n");
        }
        return m.toString();
    }

    private static String value(JsonNode v) {
        return v.isNumber() ? String.format(java.util.Locale.ROOT, "%.4g", v.asDouble()) : v.asText();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /**
     * Writes the ledger as one HTML page with its own styles, linking each run's report.
     *
     * @param rows the ledger
     * @param file the page
     * @param root the runs directory (links are relative to it)
     * @throws IOException if it cannot be written
     */
    public static void writeHtml(List<Row> rows, Path file, Path root) throws IOException {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Claims ledger</title>\n<style>\nbody { font-family: -apple-system, \"Segoe UI\", \"DejaVu Sans\","
                + " Helvetica, Arial, sans-serif; margin: 24px; line-height: 1.4; }\ntable { border-collapse: collapse;"
                + " font-size: 0.9em; }\nth, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; "
                + "vertical-align: top; }\nth { background: #f3f3f3; }\n.reproduced { color: #116329; background: #e6f4ea;"
                + " font-weight: bold; }\n.not-reproduced { color: #a40e26; background: #fdeaea; font-weight: bold; }\n"
                + ".inconclusive, .not-tested { color: #6b5000; background: #fff6dc; font-weight: bold; }\n"
                + "td.num { text-align: right; font-family: monospace; white-space: nowrap; }\n</style></head>\n<body>\n"
                + "<h1>Claims ledger</h1>\n<p>");
        counts(rows).forEach((k, v) -> h.append(v).append(' ').append(ReportWriter.escapeHtml(k)).append("; "));
        h.append(rows.size()).append(" claims in ").append(rows.stream().map(Row::runId).distinct().count())
                .append(" runs under ").append(ReportWriter.escapeHtml(root.toString())).append(".</p>\n<table>\n")
                .append("<tr><th>source</th><th>claim</th><th>status</th><th>statistic</th><th>value</th>"
                        + "<th>detail</th><th>run</th></tr>\n");
        for (Row r : rows) {
            String css = r.status().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
            Path report = r.dir().resolve(ReportWriter.HTML_FILE);
            String link = Files.isRegularFile(report) ? root.toAbsolutePath().relativize(report.toAbsolutePath())
                    .toString().replace('\\', '/') : null;
            h.append("<tr><td>").append(esc(r.claim().path("source").asText())).append("</td><td>")
                    .append(esc(r.claim().path("claim").asText())).append("</td><td class=\"").append(css).append("\">")
                    .append(esc(r.status())).append("</td><td>").append(esc(r.claim().path("statistic").asText()))
                    .append("</td><td class=\"num\">").append(esc(value(r.claim().path("value"))))
                    .append("</td><td>").append(esc(r.claim().path("detail").asText())).append("</td><td>")
                    .append(link == null ? esc(r.runId()) : "<a href=\"" + esc(link) + "\">" + esc(r.runId()) + "</a>")
                    .append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        AtomicFiles.writeString(file, h.toString());
    }

    private static String esc(String s) {
        return ReportWriter.escapeHtml(s);
    }
}
