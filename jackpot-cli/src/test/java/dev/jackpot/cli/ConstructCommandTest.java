package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConstructCommandTest {

    @Test
    void pensiaJson() throws Exception {
        Cli c = Cli.run("construct", "pensia", "--widths", "4,3,2", "--eps", "0.01", "--n", "16", "--seed", "3",
                "--test-points", "200", "--json");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode j = c.json();
        for (String f : new String[]{"method", "widths", "eps", "n", "seed", "supError", "maxWeightError", "supErrorBound",
                "randomParameters", "keptParameters", "targetParameters", "overParameterisation", "hiddenWidths", "seconds"}) {
            assertTrue(j.has(f), "missing " + f + ": " + j);
        }
        assertEquals("pensia", j.get("method").asText());
        assertEquals(18, j.get("targetParameters").asLong());
        // layer 1: 2 * 16 * 4 = 128 units, 128 + 3 * 128 params; layer 2: 2 * 16 * 3 = 96 units, 96 + 2 * 96
        assertEquals(128 + 384 + 96 + 192, j.get("randomParameters").asLong());
        assertEquals("[128,96]", j.get("hiddenWidths").toString());
        assertTrue(j.get("supError").asDouble() <= j.get("supErrorBound").asDouble(), j.toString());
        assertEquals(j.toString(), Cli.run("construct", "pensia", "--widths", "4,3,2", "--eps", "0.01", "--n", "16",
                "--seed", "3", "--test-points", "200", "--json").json().toString().replaceAll("\"seconds\":[^,}]*",
                "\"seconds\":" + j.get("seconds").asText()));
    }

    @Test
    void malachText() {
        Cli c = Cli.run("construct", "malach", "--widths", "5,5,1", "--eps", "0.05");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        for (String s : new String[]{"construction          malach", "sup error", "max per-weight error", "within eps",
                "parameters            random", "over-parameterisation", "seconds"}) {
            assertTrue(c.out.contains(s), "missing '" + s + "' in:\n" + c.out);
        }
    }

    @Test
    void invalidInputExits2NamingTheValue() {
        Cli e = Cli.run("construct", "pensia", "--eps", "1.5");
        assertEquals(ExitCodes.USAGE, e.exit);
        assertTrue(e.err.contains("1.5"), e.err);
        Cli w = Cli.run("construct", "malach", "--widths", "4,0,2");
        assertEquals(ExitCodes.USAGE, w.exit);
        assertTrue(w.err.contains("widths[1]") && w.err.contains("got 0"), w.err);
        Cli n = Cli.run("construct", "pensia", "--n", "-3");
        assertEquals(ExitCodes.USAGE, n.exit);
        assertTrue(n.err.contains("-3"), n.err);
        Cli none = Cli.run("construct");
        assertEquals(ExitCodes.USAGE, none.exit);
    }

    @Test
    void benchConstructOnATinyTarget() throws Exception {
        Cli c = Cli.run("bench", "construct", "--widths", "6,4,2", "--n", "10", "--repeats", "1", "--json");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode j = c.json();
        assertEquals(32, j.get("targetWeights").asLong());
        assertTrue(j.get("constructionsPerSecond").asDouble() > 0, j.toString());
        assertTrue(j.has("extrapolatedSeconds784x500x10"), j.toString());
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "construct", "--repeats", "0").exit);
    }
}
