package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.prune.Masks;
import dev.jackpot.ticket.Ticket;
import dev.jackpot.ticket.TicketFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruneAtInitCommandTest {

    @Test
    void synflowOnSyntheticDataWritesARunWithExactDensityAndControls(@TempDir Path dir) throws Exception {
        Cli c = Cli.run("prune-at-init", "--method", "synflow", "--density", "0.1", "--rounds", "5", "--synthetic",
                "--examples", "120", "--test-examples", "60", "--epochs", "1", "--threads", "1",
                "--controls", "shuffle,reinit", "--out", dir.toString(), "--json");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode o = c.json();
        assertEquals(Math.round(0.1 * 266200) / 266200.0, o.get("achievedDensity").asDouble(), 1e-12);
        assertEquals(3, o.get("layers").size());
        for (JsonNode l : o.get("layers")) {
            assertTrue(l.get("kept").asLong() > 0, l.toString());
        }
        for (String k : new String[] {"ticket", "shuffle", "reinit"}) {
            double acc = o.get(k).get("testAccuracy").asDouble();
            assertTrue(acc >= 0 && acc <= 1, k);
            assertFalse(o.get(k).get("diverged").asBoolean(), k);
        }
        Path run = Path.of(o.get("dir").asText());
        assertTrue(Files.isRegularFile(run.resolve("result.json")));
        assertTrue(Files.readString(run.resolve("manifest.json")).contains("\"sparseEngineBelowDensity\""),
                "the engine settings are in the manifest");
        assertTrue(Files.readString(run.resolve("spec.yaml")).contains("method: \"synflow\"")
                || Files.readString(run.resolve("spec.yaml")).contains("method: synflow"));
        Ticket t = TicketFiles.read(run.resolve("ticket.npz"));
        assertEquals(0, t.maskedNonZeroFinal());
        assertEquals(Math.round(0.1 * 266200), Masks.kept(t.masks()));
        Cli again = Cli.run("prune-at-init", "--method", "synflow", "--density", "0.1", "--rounds", "5", "--synthetic",
                "--examples", "120", "--test-examples", "60", "--epochs", "1", "--threads", "1",
                "--controls", "shuffle,reinit", "--out", dir.toString(), "--json");
        assertEquals(ExitCodes.OK, again.exit, again.err);
        assertTrue(again.err.contains("already holds"), again.err);
        assertEquals(o, again.json());
    }

    @Test
    void snipReferenceOptionsTrainASeparateDrawAndCountAsTheReference(@TempDir Path dir) throws Exception {
        Cli c = Cli.run("prune-at-init", "--method", "snip", "--density", "0.05", "--synthetic", "--examples", "120",
                "--test-examples", "60", "--epochs", "1", "--threads", "1", "--score-on-trained-init", "false",
                "--counting", "SNIP", "--out", dir.toString(), "--json");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode o = c.json();
        assertEquals("SNIP", o.get("counting").asText());
        // round(266200 x 0.05) = 13310 either way; requested equals achieved for SNIP's exact top-k
        assertEquals(13310, o.get("kept").asLong());
        assertEquals(o.get("requestedKept").asLong(), o.get("kept").asLong());
        Path run = Path.of(o.get("dir").asText());
        assertTrue(Files.readString(run.resolve("spec.yaml")).contains("scoreOnTrainedInit"));
        Ticket t = TicketFiles.read(run.resolve("ticket.npz"));
        for (var b : t.initialWeights()) {
            if (b.name().endsWith(".bias")) {
                for (float v : b.values()) {
                    assertEquals(0, Float.floatToRawIntBits(v), b.name());
                }
            }
        }
        Cli wrong = Cli.run("prune-at-init", "--method", "snip", "--density", "0.05", "--synthetic", "--redraw-xavier",
                "--out", dir.toString());
        assertEquals(ExitCodes.USAGE, wrong.exit);
        assertTrue(wrong.err.contains("GraSP only"), wrong.err);
    }

    @Test
    void badInputIsAUsageError(@TempDir Path dir) {
        assertEquals(ExitCodes.USAGE, Cli.run("prune-at-init", "--method", "obd", "--density", "0.1", "--synthetic", "--out", dir.toString()).exit);
        Cli c = Cli.run("prune-at-init", "--method", "snip", "--density", "0", "--synthetic", "--out", dir.toString());
        assertEquals(ExitCodes.USAGE, c.exit);
        assertTrue(c.err.contains("density must be in (0, 1]"), c.err);
        assertEquals(ExitCodes.USAGE, Cli.run("prune-at-init", "--method", "snip", "--density", "0.5", "--controls", "nope",
                "--synthetic", "--out", dir.toString()).exit);
    }

    @Test
    void sanityChecksRunAsOneStudyWithClaimsInTheSharedShape(@TempDir Path dir) throws Exception {
        Cli c = Cli.run("sanity", "--methods", "magnitude", "--densities", "0.1", "--replicates", "2", "--synthetic",
                "--examples", "120", "--test-examples", "60", "--epochs", "1", "--out", dir.toString(), "--json",
                "--quiet");
        assertEquals(0, c.exit, c.err);
        var j = c.json();
        assertEquals(2, j.get("cellsComputed").asInt());
        assertEquals(2, j.get("claims").size());
        assertTrue(j.get("claims").get(0).get("claim").asText().startsWith("Shuffling magnitude's mask"));
        assertTrue(Files.isRegularFile(Path.of(j.get("report").asText())));
        assertEquals(2, Cli.run("sanity", "--methods", "vanish", "--synthetic", "--out", dir.toString()).exit);
        assertEquals(2, Cli.run("sanity", "--densities", "0", "--synthetic", "--out", dir.toString()).exit);
    }

    @Test
    void sanityChecksRunOnCifarFormatDataToo(@TempDir Path dir) throws Exception {
        Path data = CifarLotteryCommandTest.writeSyntheticCifar(dir.resolve("cifar"), 20, 30, 4);
        Cli c = Cli.run("sanity", "--methods", "magnitude", "--densities", "0.2", "--replicates", "2", "--model",
                "conv-2", "--dataset", "cifar10", "--data-path", data.toString(), "--examples", "100",
                "--test-examples", "30", "--epochs", "1", "--out", dir.resolve("runs").toString(), "--json", "--quiet");
        assertEquals(0, c.exit, c.err);
        assertEquals(2, c.json().get("cellsComputed").asInt());
        JsonNode spec = c.json();
        assertTrue(Files.readString(Path.of(spec.get("runDir").asText(), "spec.yaml")).contains("cifar10"),
                "the dataset is part of the study's spec");
        Cli missing = Cli.run("prune-at-init", "--method", "snip", "--density", "0.1", "--dataset", "mnist",
                "--data-path", dir.resolve("nothing").toString(), "--out", dir.toString());
        assertEquals(1, missing.exit, missing.err);
    }
}
