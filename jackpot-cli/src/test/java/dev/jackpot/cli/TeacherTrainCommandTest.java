package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeacherTrainCommandTest {

    @Test
    void theIssueDefaultsRecoverTheTeacherForAnySeed(@TempDir Path out) throws Exception {
        for (String seed : new String[]{"1", "2", "31337"}) {
            Cli c = Cli.run("teacher", "train", "--K", "10", "--d", "300", "--N", "5000", "--r", "20",
                    "--seed", seed, "--json", "--quiet", "--out", out.toString());
            assertEquals(ExitCodes.OK, c.exit, c.err);
            JsonNode r = c.json();
            for (String field : new String[]{"iterations", "recoveryError", "success", "testError", "rTilde", "seconds",
                    "converged", "diverged", "runDir"}) {
                assertTrue(r.has(field), "missing " + field + " in " + r);
            }
            assertTrue(r.get("success").asBoolean(), r.toString());
            assertTrue(r.get("recoveryError").asDouble() < 1e-4, r.toString());
            assertFalse(r.get("diverged").asBoolean());
            Path dir = Path.of(r.get("runDir").asText());
            assertTrue(Files.exists(dir.resolve("result.json")) && Files.exists(dir.resolve("plots/convergence.png")));
        }
    }

    @Test
    void humanOutputSpecFilesAndReuse(@TempDir Path out) throws Exception {
        Path spec = out.resolve("spec.yaml");
        Files.writeString(spec, "seed: 5\nteacher: {K: 4, d: 40, r: 6}\nN: 600\n");
        Cli first = Cli.run("teacher", "train", "--spec", spec.toString(), "--out", out.toString(), "--quiet");
        assertEquals(ExitCodes.OK, first.exit, first.err);
        assertTrue(first.out.contains("recovery error") && first.out.contains("success         true"), first.out);
        // Options override the file; the same spec again is served from the finished run.
        Cli json = Cli.run("teacher", "train", "--spec", spec.toString(), "--out", out.toString(), "--quiet", "--json");
        assertTrue(json.json().get("cached").asBoolean());
        Cli other = Cli.run("teacher", "train", "--spec", spec.toString(), "--beta", "0", "--out", out.toString(),
                "--quiet", "--json");
        assertFalse(other.json().get("cached").asBoolean());
        assertEquals(6.0, other.json().get("rTilde").asDouble(), 1e-9);
    }

    @Test
    void aMalformedSpecFileIsAUsageError(@TempDir Path out) throws Exception {
        Path spec = out.resolve("bad.yaml");
        Files.writeString(spec, "teacher: {K: 4, colour: red}\n");
        Cli c = Cli.run("teacher", "train", "--spec", spec.toString(), "--out", out.toString(), "--quiet");
        assertEquals(ExitCodes.USAGE, c.exit);
        assertTrue(c.err.contains("colour"), c.err);
    }
}
