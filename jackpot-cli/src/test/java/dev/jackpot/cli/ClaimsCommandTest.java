package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimsCommandTest {

    @Test
    void theLedgerCollectsEveryRunsClaimsInOneShape(@TempDir Path out) throws Exception {
        assertEquals(0, Cli.run("reproduce", "zhang2021", "--figure", "4", "--out", out.toString(), "--quiet").exit);
        assertEquals(0, Cli.run("sanity", "--methods", "magnitude", "--densities", "0.1", "--replicates", "2",
                "--synthetic", "--examples", "120", "--test-examples", "60", "--epochs", "1", "--out", out.toString(),
                "--quiet").exit);
        Cli c = Cli.run("claims", "--out", out.toString(), "--json");
        assertEquals(0, c.exit, c.err);
        JsonNode j = c.json();
        int n = j.get("claims").size();
        assertTrue(n >= 3, j.toString());
        long fromFig4 = 0;
        for (JsonNode claim : j.get("claims")) {
            for (String f : new String[] {"source", "claim", "reproduced", "status", "statistic", "value", "detail",
                    "runId", "kind", "runDir"}) {
                assertTrue(claim.has(f), f + " in " + claim);
            }
            fromFig4 += claim.get("kind").asText().equals("zhang2021-fig4") ? 1 : 0;
        }
        assertTrue(fromFig4 > 0, "the figure's claims are listed");
        long total = 0;
        for (JsonNode v : j.get("counts")) {
            total += v.asLong();
        }
        assertEquals(n, total);
        String html = Files.readString(Path.of(j.get("html").asText()));
        assertTrue(html.contains("Claims ledger") && html.contains("Shuffling magnitude"), html);
        assertTrue(html.contains("report.html\""), "each row links its run's report");

        Cli text = Cli.run("claims", "--out", out.toString(), "--status", "not tested");
        assertEquals(0, text.exit, text.err);
        Cli md = Cli.run("claims", "--out", out.toString(), "--markdown");
        assertEquals(0, md.exit, md.err);
        assertTrue(md.out.startsWith("| status | source | claim | statistic = value | run |"), md.out);
        assertEquals(n + 2, md.out.lines().count(), "a header, a rule and one row per claim");
        Cli empty = Cli.run("claims", "--out", out.resolve("none").toString());
        assertTrue(empty.out.contains("no checked claims"), empty.out);
    }
}
