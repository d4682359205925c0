package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReproduceCommandTest {

    @Test
    void jsonNamesTheRunTheFiguresAndTheClaims(@TempDir Path out) throws Exception {
        Cli c = Cli.run("reproduce", "zhang2021", "--figure", "4", "--out", out.toString(), "--quiet", "--json");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode run = c.json().get("runs").get(0);
        assertEquals(4, run.get("figure").asInt());
        assertTrue(run.get("complete").asBoolean());
        assertTrue(Files.exists(Path.of(run.get("runDir").asText(), "report.html")));
        assertTrue(run.get("figures").get(0).asText().endsWith("fig4-success.png"));
        JsonNode claim = run.get("claims").get(0);
        // the one claim shape of every command (Claim.toJson)
        for (String field : new String[]{"source", "claim", "reproduced", "status", "statistic", "value", "detail"}) {
            assertTrue(claim.has(field), field);
        }
        // Running it again reuses every trial.
        Cli again = Cli.run("reproduce", "zhang2021", "--figure", "4", "--out", out.toString(), "--json");
        assertEquals(ExitCodes.OK, again.exit, again.err);
        assertTrue(again.err.contains("120 already finished, 0 to run"), again.err);
    }

    @Test
    void unknownFiguresAreUsageErrors() {
        Cli c = Cli.run("reproduce", "zhang2021", "--figure", "1", "--quiet");
        assertEquals(ExitCodes.USAGE, c.exit);
        assertTrue(c.err.contains("figure 1"), c.err);
        assertEquals(ExitCodes.USAGE, Cli.run("reproduce", "zhang2021", "--threads", "0", "--quiet").exit);
    }

    @Test
    void floorsCheckThePapersErrorsAndTheLedgerListsThem(@TempDir Path out) throws Exception {
        Cli c = Cli.run("reproduce", "zhang2021-floors", "--trials", "1", "--out", out.toString(), "--json", "--quiet");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode run = c.json();
        assertEquals(7, run.get("claims").size());
        assertEquals(11, run.get("favourable").size());
        assertTrue(Files.isRegularFile(Path.of(run.get("runDir").asText()).resolve("claims.json")));
        Cli ledger = Cli.run("claims", "--out", out.toString(), "--json");
        assertEquals(ExitCodes.OK, ledger.exit, ledger.err);
        assertEquals(7, ledger.json().get("claims").size());
        assertEquals(ExitCodes.USAGE, Cli.run("reproduce", "zhang2021-floors", "--trials", "1001", "--quiet").exit);
        Cli again = Cli.run("reproduce", "zhang2021-floors", "--trials", "1", "--out", out.toString(), "--json");
        assertEquals(ExitCodes.OK, again.exit, again.err);
        assertTrue(again.err.contains("already finished, 0 to run"), again.err);
    }
}
