package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrongCommandTest {

    @Test
    void neuronsPrintsOneJsonObjectAndTheErrorShrinks() throws Exception {
        Cli c = Cli.run("strong", "neurons", "--widths", "25,100,400", "--repeats", "2", "--json");
        assertEquals(0, c.exit, c.err);
        JsonNode o = c.json();
        assertEquals(3, o.get("points").size());
        assertTrue(o.get("errorShrinksWithWidth").asBoolean(), c.out);
    }

    @Test
    void widthsWritesItsReportAndChecksTheClaims(@TempDir Path out) throws Exception {
        Cli c = Cli.run("strong", "widths", "--repeats", "1", "--json", "--out", out.toString());
        assertEquals(0, c.exit, c.err);
        JsonNode o = c.json();
        assertTrue(o.get("pensiaLogErrorSlopePerN").asDouble() < 0, c.out);
        assertTrue(o.get("malachParameterExponent").asDouble() > 0.5, c.out);
        assertTrue(Path.of(o.get("runDir").asText()).resolve("report.html").toFile().exists());
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, Cli.run("strong").exit);
        assertEquals(2, Cli.run("strong", "neurons", "--widths", "0,5").exit);
        assertEquals(2, Cli.run("strong", "lueker", "--scale", "huge").exit);
    }
}
