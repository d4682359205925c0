package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunsCommandTest {

    @Test
    void runsListsEveryRunWithItsStateAndCleansOnlyTheUnfinished(@TempDir Path out) throws Exception {
        assertEquals(ExitCodes.OK, Cli.run("teacher", "train", "--K", "2", "--d", "10", "--N", "100", "--r", "3",
                "--out", out.toString(), "--quiet").exit);
        Path half = out.resolve("lottery-0123456789abcdef");
        Files.createDirectories(half.resolve("rep-0/level-0"));
        Files.writeString(half.resolve("spec.yaml"), "levels: 2\n");
        Cli list = Cli.run("runs", "--out", out.toString(), "--json");
        assertEquals(ExitCodes.OK, list.exit, list.err);
        JsonNode runs = list.json().get("runs");
        assertEquals(2, runs.size());
        assertEquals("lottery", runs.get(0).get("kind").asText());
        assertEquals("incomplete", runs.get(0).get("state").asText());
        assertEquals("teacher", runs.get(1).get("kind").asText());
        assertEquals("complete", runs.get(1).get("state").asText());
        Cli text = Cli.run("runs", "--out", out.toString());
        assertTrue(text.out.contains("incomplete") && text.out.contains("lottery-0123456789abcdef"), text.out);
        Cli clean = Cli.run("runs", "--out", out.toString(), "--clean-incomplete", "--json");
        assertEquals(1, clean.json().get("deleted").asInt());
        assertFalse(Files.exists(half));
        assertEquals(1, Cli.run("runs", "--out", out.toString(), "--json").json().get("runs").size());
        assertTrue(Cli.run("runs", "--out", out.resolve("none").toString()).out.contains("no runs"));
    }
}
