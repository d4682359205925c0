package dev.jackpot.report;

import dev.jackpot.plot.Heatmaps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {

    private static Report report() {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("run id", "sweep-0123456789abcdef");
        provenance.put("commit", "ee5b62a");
        provenance.put("seeds", "7, 8 & 9");
        return new Report("Phase transition <K=10> & friends",
                "Algorithm 1 on a grid of N and r.\n\nThe threshold grows with r; see <Fig. 2>.",
                "seed: 7\nteacher: {K: 10, d: 300}\n",
                List.of(new Figure("phase", "Success rate over (N, r); black 0, white 1."),
                        new Figure("missing-plot", "A figure that was never drawn.")),
                List.of(new Table("Thresholds | by r", List.of("r", "N*"),
                        List.of(List.of("10", "1200"), List.of("20", "a|b\nc")))),
                List.of(new Claim("Fig. 2", "Success needs N proportional to r.", true, "slope of log N* on log r",
                                0.98765, "fit over 4 points"),
                        new Claim("Fig. 4", "AGD <beats> GD.", false, "iteration ratio", Double.NaN,
                                "not run at K > 5")),
                provenance);
    }

    private static Path runWithOnePlot(Path dir) throws IOException {
        Heatmaps.successGrid("phase", "N", "r", new double[] {100, 200}, new double[] {5, 10},
                new double[][] {{0, 0.5}, {0.5, 1}}).save(dir.resolve("plots/phase.png"));
        return dir;
    }

    @Test
    void writesASelfContainedHtmlWithEveryExistingFigureEmbeddedAndEveryStringEscaped(@TempDir Path dir)
            throws IOException {
        Path run = runWithOnePlot(dir);
        ReportWriter.write(report(), run);
        String html = Files.readString(run.resolve(ReportWriter.HTML_FILE));

        assertTrue(html.contains("<title>Phase transition &lt;K=10&gt; &amp; friends</title>"), "escaped title");
        assertTrue(html.contains("<h1>Phase transition &lt;K=10&gt; &amp; friends</h1>"));
        assertFalse(html.contains("<K=10>") || html.contains("<Fig. 2>") || html.contains("<beats>"),
                "no raw markup from the report's strings");
        assertTrue(html.contains("<p>The threshold grows with r; see &lt;Fig. 2&gt;.</p>"), "two paragraphs");
        assertTrue(html.contains("<style>") && !html.contains("<link"), "CSS inline, nothing fetched");

        Matcher uri = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        assertTrue(uri.find(), "the existing figure is embedded");
        byte[] embedded = Base64.getDecoder().decode(uri.group(1));
        assertEquals(Files.size(run.resolve("plots/phase.png")), embedded.length);
        assertFalse(uri.find(), "only the existing figure is embedded");
        assertTrue(html.contains("Figure &#39;missing-plot&#39; is missing: plots/missing-plot.png was not found"),
                "the missing figure is reported in the text");

        assertTrue(html.contains("<tr class=\"reproduced\">") && html.contains("&#10004; reproduced"));
        assertTrue(html.contains("<tr class=\"not-reproduced\">") && html.contains("&#10008; NOT reproduced"));
        assertTrue(html.contains("<td class=\"number\">0.9877</td>"), "the value to four significant digits");
        assertTrue(html.contains("<td class=\"number\">n/a</td>"), "NaN shown as n/a");
        assertTrue(html.contains("1 of 2 claims reproduced."));
        assertTrue(html.contains("AGD &lt;beats&gt; GD.") && html.contains("not run at K &gt; 5"));
        assertTrue(html.contains("<td>a|b\nc</td>"), "HTML cells keep their text");
        assertTrue(html.contains("<pre><code>seed: 7\nteacher: {K: 10, d: 300}</code></pre>"));
        assertTrue(html.indexOf("run id") < html.indexOf("commit") && html.contains("7, 8 &amp; 9"),
                "provenance in the order given, escaped");
        try (var files = Files.list(run)) {
            assertEquals(List.of("plots", "report.html", "report.md"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
    }

    @Test
    void writesMarkdownWithPipeTablesAndRelativeFigureLinks(@TempDir Path dir) throws IOException {
        Path run = runWithOnePlot(dir);
        ReportWriter.write(report(), run);
        String md = Files.readString(run.resolve(ReportWriter.MARKDOWN_FILE));

        assertTrue(md.startsWith("# Phase transition \\<K=10\\> \\& friends\n\n"), md);
        assertTrue(md.contains("| Figure | Claim | Outcome | Statistic | Value | Detail |\n|---|---|---|---|---|---|\n"));
        assertTrue(md.contains("| Fig. 2 | Success needs N proportional to r. | \u2705 reproduced | slope of log N\\* on"
                + " log r | 0.9877 | fit over 4 points |\n"), md);
        assertTrue(md.contains("| \u274c NOT reproduced |"));
        assertTrue(md.contains("![Success rate over (N, r); black 0, white 1.](plots/phase.png)"));
        assertTrue(md.contains("([SVG](plots/phase.svg))"));
        assertFalse(md.contains("(plots/missing-plot.png)"), "no link to a missing figure");
        assertTrue(md.contains("Figure 'missing-plot' is missing: plots/missing-plot.png was not found"));
        assertTrue(md.contains("### Thresholds \\| by r\n\n| r | N\\* |\n|---|---|\n| 10 | 1200 |\n| 20 | a\\|b<br>c |\n"),
                "pipes escaped and line breaks kept inside the cell");
        assertTrue(md.contains("```yaml\nseed: 7\nteacher: {K: 10, d: 300}\n```\n"));
        assertTrue(md.contains("| Key | Value |\n|---|---|\n| run id | sweep-0123456789abcdef |\n"));
        assertTrue(md.endsWith("|\n") && !md.endsWith("\n\n"), "one trailing newline");
    }

    @Test
    void aReportWithoutPlotsOrSectionsStillWrites(@TempDir Path dir) throws IOException {
        Report bare = new Report("Bare", "", "", List.of(new Figure("none", "never drawn")), List.of(), List.of(),
                Map.of());
        ReportWriter.write(bare, dir.resolve("run"));
        String html = Files.readString(dir.resolve("run/report.html"));
        assertTrue(html.contains("plots/none.png was not found"));
        assertFalse(html.contains("data:image/png"));
        assertFalse(html.contains("<h2>Claims</h2>") || html.contains("<h2>Spec</h2>"), "empty sections left out");
        assertTrue(Files.readString(dir.resolve("run/report.md")).contains("plots/none.png was not found"));
    }

    @Test
    void aCodeFenceOutlastsBackticksInTheSpec() {
        Report r = new Report("t", "", "note: ```quoted```\n", List.of(), List.of(), List.of(), Map.of());
        String md = ReportWriter.markdown(r, Path.of("does-not-exist"));
        assertTrue(md.contains("````yaml\nnote: ```quoted```\n````"), md);
    }

    @Test
    void rejectsUnsafeFigureNamesAndRaggedTables() {
        var name = assertThrows(IllegalArgumentException.class, () -> new Figure("../etc/passwd", "x"));
        assertTrue(name.getMessage().contains("got '../etc/passwd'"), name.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Figure(".hidden", "x"));
        var ragged = assertThrows(IllegalArgumentException.class,
                () -> new Table("T", List.of("a", "b"), List.of(List.of("1", "2"), List.of("3"))));
        assertTrue(ragged.getMessage().contains("table 'T' has 2 columns but row 1 has 1 cells"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Table("T", List.of(), List.of()));
    }

    @Test
    void formatsValuesCompactly() {
        assertEquals("42", ReportWriter.formatValue(42));
        assertEquals("0.9877", ReportWriter.formatValue(0.98765));
        assertEquals("1.235e-7", ReportWriter.formatValue(1.23456e-7));
        assertEquals("n/a", ReportWriter.formatValue(Double.NaN));
        assertEquals("-inf", ReportWriter.formatValue(Double.NEGATIVE_INFINITY));
    }
}
