package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.experiment.SpecCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrongCommandTest {

    @Test
    void neuronsPrintsOneJsonObjectAndWritesItsRunDirectory(@TempDir Path out) throws Exception {
        Cli c = Cli.run("strong", "neurons", "--widths", "25,100,400", "--repeats", "2", "--json", "--out", out.toString());
        assertEquals(0, c.exit, c.err);
        JsonNode o = c.json();
        assertEquals(3, o.get("points").size());
        assertTrue(o.get("errorShrinksWithWidth").asBoolean(), c.out);
        Path dir = Path.of(o.get("runDir").asText());
        assertTrue(dir.getFileName().toString().startsWith("strong-neurons-"), dir.toString());
        for (String f : new String[] {"spec.yaml", "manifest.json", "result.json", "report.md", "report.html",
                "plots/error-vs-width.png"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        JsonNode stored = SpecCodec.json().readTree(dir.resolve("result.json").toFile());
        assertEquals(o.get("points"), stored.get("points"));
        assertTrue(stored.get("claims").get(0).get("reproduced").asBoolean());
        assertTrue(Files.readString(dir.resolve("spec.yaml")).contains("25"));
        // the same spec maps to the same directory; another seed to another
        Cli again = Cli.run("strong", "neurons", "--widths", "25,100,400", "--repeats", "2", "--json", "--out", out.toString());
        assertEquals(o.get("runDir"), again.json().get("runDir"));
        Cli other = Cli.run("strong", "neurons", "--widths", "25,100,400", "--repeats", "2", "--seed", "3", "--json",
                "--out", out.toString());
        assertTrue(!o.get("runDir").equals(other.json().get("runDir")));
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

    @Test
    void anErrorThatDoesNotShrinkIsAFindingNotAFailure(@TempDir Path out) {
        // two nearly equal widths and one instance: the fitted slope comes out positive
        Cli flat = Cli.run("strong", "neurons", "--widths", "40,41", "--repeats", "1", "--out", out.toString());
        assertEquals(ExitCodes.OK, flat.exit, flat.err);
        assertTrue(flat.out.contains("error does NOT shrink with width"), flat.out);
    }
}
