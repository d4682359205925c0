package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.construct.Construction;
import dev.jackpot.construct.PensiaConstruction;
import dev.jackpot.construct.ReluMlp;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.ticket.Ticket;
import dev.jackpot.ticket.TicketFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConstructCommandTest {

    /** Every run of this class writes under a fresh directory, never under the module's runs/. */
    @TempDir
    Path runs;

    private Cli run(String... args) {
        String[] withOut = java.util.Arrays.copyOf(args, args.length + 2);
        withOut[args.length] = "--out";
        withOut[args.length + 1] = runs.toString();
        return Cli.run(withOut);
    }


    @Test
    void pensiaJson() throws Exception {
        Cli c = run("construct", "pensia", "--widths", "4,3,2", "--eps", "0.01", "--n", "16", "--seed", "3",
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
        assertEquals(j.toString(), run("construct", "pensia", "--widths", "4,3,2", "--eps", "0.01", "--n", "16",
                "--seed", "3", "--test-points", "200", "--json").json().toString().replaceAll("\"seconds\":[^,}]*",
                "\"seconds\":" + j.get("seconds").asText()));
    }

    @Test
    void pensiaWritesARunDirectoryWithAReadableTicket() throws Exception {
        String[] args = {"construct", "pensia", "--widths", "3,2,2", "--eps", "0.05", "--n", "8", "--seed", "4",
                "--test-points", "50", "--json"};
        Cli c = run(args);
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode j = c.json();
        Path dir = Path.of(j.get("runDir").asText());
        assertEquals(runs, dir.getParent());
        assertTrue(dir.getFileName().toString().matches("construct-pensia-[0-9a-f]{16}"), dir.toString());
        for (String f : new String[]{"spec.yaml", "manifest.json", "result.json", "report.md", "report.html", "ticket.npz",
                "plots/weight-errors.png", "plots/weight-errors.svg"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, "missing " + f);
        }
        assertEquals(j, SpecCodec.json().readTree(dir.resolve("result.json").toFile()));
        for (String f : new String[]{"supError", "eps", "targetParameters", "randomParameters", "keptParameters",
                "overParameterisation", "failures", "seconds", "claims"}) {
            assertTrue(j.has(f), "missing " + f + ": " + j);
        }
        assertEquals(dir.resolve("ticket.npz").toString(), j.get("ticket").asText());
        String spec = Files.readString(dir.resolve("spec.yaml"));
        assertTrue(spec.contains("method: pensia") && spec.contains("\"n\": 8") && !spec.contains("maxUnits"), spec);
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("Per target layer") && report.contains("at most the bound the construction promises"),
                report);
        JsonNode promise = j.get("claims").get(0);
        assertEquals(j.get("supError").asDouble() <= j.get("supErrorBoundAtEps").asDouble(),
                promise.get("reproduced").asBoolean(), promise.toString());

        // The ticket reads back: masks keep exactly the kept parameters, final = mask x init, both the
        // construction's weights rounded to float.
        Ticket t = TicketFiles.read(dir.resolve("ticket.npz"));
        Construction built = PensiaConstruction.build(ReluMlp.randomTarget(new int[] {3, 2, 2}, 4), 8, 4);
        double[][][] random = built.random().weights();
        double[][][] pruned = built.pruned().weights();
        assertEquals(List.of("layer1.weight", "layer2.weight", "layer3.weight", "layer4.weight"), t.masks().names());
        long kept = 0;
        for (int k = 0; k < random.length; k++) {
            NamedTensor m = t.masks().get("layer" + (k + 1) + ".weight");
            NamedTensor w0 = t.initialWeights().get(m.name());
            NamedTensor w = t.finalWeights().get(m.name());
            assertArrayEquals(new int[] {random[k].length, random[k][0].length}, m.shape());
            for (int r = 0; r < random[k].length; r++) {
                for (int col = 0; col < random[k][0].length; col++) {
                    int at = r * random[k][0].length + col;
                    assertEquals((float) random[k][r][col], w0.values()[at]);
                    assertEquals((float) pruned[k][r][col], w.values()[at]);
                    assertTrue(m.values()[at] * w0.values()[at] == w.values()[at], "final = mask x init");
                    kept += (long) m.values()[at];
                }
            }
        }
        assertEquals(j.get("keptParameters").asLong(), kept);
        assertEquals(0, t.maskedNonZeroFinal());

        assertEquals(j.get("runDir"), run(args).json().get("runDir"), "the same construction, the same directory");
        JsonNode defaultN = run("construct", "pensia", "--widths", "3,2,2", "--eps", "0.05", "--seed", "4",
                "--test-points", "50", "--json").json();
        assertEquals(PensiaConstruction.defaultN(0.05), defaultN.get("n").asInt());
        assertTrue(!defaultN.get("runDir").equals(j.get("runDir")), "another n, another directory");
    }

    @Test
    void malachWritesItsOwnKindOfRunDirectory() throws Exception {
        Cli c = run("construct", "malach", "--widths", "2,2", "--eps", "0.1", "--test-points", "20", "--json");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode j = c.json();
        Path dir = Path.of(j.get("runDir").asText());
        assertTrue(dir.getFileName().toString().startsWith("construct-malach-"), dir.toString());
        assertTrue(Files.readString(dir.resolve("spec.yaml")).contains("maxUnits: 1000000"));
        assertEquals(0, j.get("failures").asLong());
        for (JsonNode claim : j.get("claims")) {
            assertTrue(claim.get("reproduced").asBoolean(), claim.toString());
        }
        Ticket t = TicketFiles.read(dir.resolve("ticket.npz"));
        assertEquals(2, t.masks().size());
        Cli text = run("construct", "malach", "--widths", "2,2", "--eps", "0.1", "--test-points", "20");
        assertTrue(text.out.contains("run                   " + dir), text.out);
    }

    @Test
    void malachText() {
        Cli c = run("construct", "malach", "--widths", "5,5,1", "--eps", "0.05");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        for (String s : new String[]{"construction          malach", "sup error", "max per-weight error", "within eps",
                "parameters            random", "over-parameterisation", "seconds"}) {
            assertTrue(c.out.contains(s), "missing '" + s + "' in:\n" + c.out);
        }
    }

    @Test
    void invalidInputExits2NamingTheValue() {
        Cli e = run("construct", "pensia", "--eps", "1.5");
        assertEquals(ExitCodes.USAGE, e.exit);
        assertTrue(e.err.contains("1.5"), e.err);
        Cli w = run("construct", "malach", "--widths", "4,0,2");
        assertEquals(ExitCodes.USAGE, w.exit);
        assertTrue(w.err.contains("widths[1]") && w.err.contains("got 0"), w.err);
        Cli n = run("construct", "pensia", "--n", "-3");
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
