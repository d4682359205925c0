package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.experiment.SpecCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubsetSumCommandTest {

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
    void jsonHasEveryFieldAndTheKnownAnswer() throws Exception {
        // 0.5 + 0.125 = 0.625 exactly, and no other subset does.
        Cli c = run("subset-sum", "--values", "0.5,0.25,0.125,-0.375", "--target", "0.625", "--json");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode j = c.json();
        for (String field : new String[]{"subset", "sum", "error", "optimal", "gap", "solver", "seconds", "n", "target", "eps"}) {
            assertTrue(j.has(field), "missing " + field + ": " + j);
        }
        assertEquals("[0,2]", j.get("subset").toString());
        assertEquals(0.625, j.get("sum").asDouble());
        assertEquals(0.0, j.get("error").asDouble());
        assertTrue(j.get("optimal").asBoolean());
        assertEquals("exact", j.get("solver").asText());
        assertTrue(j.get("seconds").asDouble() >= 0);
        assertFalse(j.has("values"), "the given values are not echoed");
    }

    @Test
    void writesARunDirectoryThatTheSameInstanceReuses() throws Exception {
        String[] args = {"subset-sum", "--values", "0.5,0.25,0.125,-0.375", "--target", "0.625", "--eps", "0.01", "--json"};
        Cli c = run(args);
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode j = c.json();
        Path dir = Path.of(j.get("runDir").asText());
        assertEquals(runs, dir.getParent());
        assertTrue(dir.getFileName().toString().matches("subset-sum-[0-9a-f]{16}"), dir.toString());
        for (String f : new String[]{"spec.yaml", "manifest.json", "result.json", "report.md", "report.html",
                "plots/partial-sums.png", "plots/partial-sums.svg"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, "missing " + f);
        }
        JsonNode result = SpecCodec.json().readTree(dir.resolve("result.json").toFile());
        assertEquals(j, result, "result.json holds the printed object");
        for (String f : new String[]{"subset", "error", "optimal", "solver", "seconds"}) {
            assertTrue(result.has(f), "result.json lacks " + f);
        }
        String spec = Files.readString(dir.resolve("spec.yaml"));
        assertTrue(spec.contains("values") && spec.contains("0.625") && spec.contains("eps: 0.01")
                && spec.contains("solver: auto") && !spec.contains("seed"), spec);
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("partial-sums.png") && report.contains("Chosen candidates"), report);
        assertEquals(dir.getFileName().toString(),
                SpecCodec.json().readTree(dir.resolve("manifest.json").toFile()).get("runId").asText());

        assertEquals(j.get("runDir"), run(args).json().get("runDir"), "the same instance, the same directory");
        Cli text = run("subset-sum", "--values", "0.5,0.25,0.125,-0.375", "--target", "0.625", "--eps", "0.01");
        assertTrue(text.out.contains("run      " + dir), "--json is not part of the spec: " + text.out);
        JsonNode other = run("subset-sum", "--values", "0.5,0.25,0.125,-0.375", "--target", "0.5", "--json").json();
        assertFalse(j.get("runDir").equals(other.get("runDir")), "another target, another directory");

        // A draw is named by its count and seed; the default seed 1 is recorded, so giving it changes nothing.
        JsonNode drawn = run("subset-sum", "--random", "12", "--target", "0.3", "--json").json();
        JsonNode seeded = run("subset-sum", "--random", "12", "--seed", "1", "--target", "0.3", "--json").json();
        assertEquals(drawn.get("runDir"), seeded.get("runDir"));
        String drawnSpec = Files.readString(Path.of(drawn.get("runDir").asText()).resolve("spec.yaml"));
        assertTrue(drawnSpec.contains("random: 12") && drawnSpec.contains("seed: 1") && !drawnSpec.contains("values"),
                drawnSpec);
    }

    @Test
    void textOutput() {
        Cli c = run("subset-sum", "--values", "-0.7,0.3,0.25,0.125", "--target", "0.375");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        for (String line : new String[]{"subset   [2, 3]", "sum      0.375", "error    0.0", "optimal  true", "solver   exact", "seconds"}) {
            assertTrue(c.out.contains(line), "missing '" + line + "' in:\n" + c.out);
        }
    }

    @Test
    void gridAndPerturbation() throws Exception {
        // On the grid of step 0.01: 50 + 25 - 30 = 45 is the only subset on the target.
        JsonNode g = run("subset-sum", "--values", "0.5,0.25,0.125,-0.3", "--target", "0.45", "--solver", "grid",
                "--grid-step", "0.01", "--json").json();
        assertEquals("grid", g.get("solver").asText());
        assertEquals(0.01, g.get("gridStep").asDouble());
        assertEquals("[0,1,3]", g.get("subset").toString());
        assertTrue(g.get("error").asDouble() < 1e-15, g.toString());
        JsonNode e = run("subset-sum", "--values", "0.7", "--target", "0.6", "--eps", "0.2", "--json").json();
        assertEquals("[0]", e.get("subset").toString());
        assertEquals(0.0, e.get("error").asDouble());
        assertEquals(0.2, e.get("eps").asDouble());
    }

    @Test
    void schroeppelShamirByNameAndBeyondMeetInTheMiddle() throws Exception {
        JsonNode ss = run("subset-sum", "--random", "30", "--seed", "4", "--target", "0.3", "--solver",
                "schroeppel-shamir", "--json").json();
        JsonNode mitm = run("subset-sum", "--random", "30", "--seed", "4", "--target", "0.3", "--solver", "exact",
                "--json").json();
        assertEquals("schroeppel-shamir", ss.get("solver").asText());
        assertEquals("exact", mitm.get("solver").asText());
        assertTrue(ss.get("optimal").asBoolean());
        assertEquals(mitm.get("error").asDouble(), ss.get("error").asDouble(), 1e-15);
        // n = 45: one past meet in the middle, so exact goes on with Schroeppel-Shamir.
        JsonNode big = run("subset-sum", "--random", "45", "--target", "-0.4", "--solver", "exact", "--json").json();
        assertEquals("schroeppel-shamir", big.get("solver").asText());
        assertTrue(big.get("optimal").asBoolean() && big.get("error").asDouble() < 1e-9, big.toString());
        Cli help = run("subset-sum", "--help");
        assertTrue(help.out.contains("schroeppel-shamir"), help.out);
    }

    @Test
    void randomCandidatesAreSeededAndInRange() throws Exception {
        JsonNode a = run("subset-sum", "--random", "24", "--seed", "5", "--target", "0.3", "--json").json();
        JsonNode b = run("subset-sum", "--random", "24", "--seed", "5", "--target", "0.3", "--json").json();
        JsonNode other = run("subset-sum", "--random", "24", "--seed", "6", "--target", "0.3", "--json").json();
        assertEquals(24, a.get("values").size());
        for (JsonNode v : a.get("values")) {
            assertTrue(v.asDouble() >= -1 && v.asDouble() <= 1, v.toString());
        }
        assertEquals(a.get("values"), b.get("values"));
        assertEquals(a.get("subset"), b.get("subset"));
        assertEquals(5, a.get("seed").asLong());
        assertFalse(a.get("values").equals(other.get("values")));
        assertTrue(a.get("error").asDouble() < 1e-4, a.toString());
        // Beyond the exact limit, auto uses the grid.
        JsonNode big = run("subset-sum", "--random", "50", "--target", "-0.4", "--json").json();
        assertEquals("grid", big.get("solver").asText());
        assertTrue(big.get("error").asDouble() <= big.get("gap").asDouble() + 1e-15);
    }

    @Test
    void invalidInputExitsTwoNamingTheValue() {
        String[][] cases = {
                {"values[1]", "NaN", "--values", "0.5,NaN", "--target", "0"},
                {"target", "Infinity", "--values", "0.5", "--target", "Infinity"},
                {"eps", "-0.5", "--values", "0.5", "--target", "0", "--eps", "-0.5"},
                {"n = 64", "n = 70", "--random", "70", "--target", "0", "--solver", "exact"},
                {"eps = 0.01", "grid", "--random", "50", "--target", "0", "--eps", "0.01", "--solver", "exact"},
                {"grid step", "0.0", "--values", "0.5", "--target", "0", "--solver", "grid", "--grid-step", "0"},
                {"grid step", "0.001", "--values", "0.5", "--target", "0", "--solver", "exact", "--grid-step", "1e-3"},
                {"--random", "-3", "--random", "-3", "--target", "0"},
                {"exactly one", "--random", "--values", "0.5", "--random", "3", "--target", "0"},
                {"exactly one", "--random", "--target", "0"},
                {"--seed", "7", "--values", "0.5", "--seed", "7", "--target", "0"},
                {"--solver", "fastest", "--values", "0.5", "--target", "0", "--solver", "fastest"},
                {"--target", "--target", "--values", "0.5"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length - 1];
            args[0] = "subset-sum";
            System.arraycopy(c, 2, args, 1, c.length - 2);
            Cli r = run(args);
            String what = String.join(" ", args) + " -> " + r.err;
            assertEquals(ExitCodes.USAGE, r.exit, what);
            assertTrue(r.err.contains(c[0]) && r.err.contains(c[1]), what);
            assertEquals("", r.out, "nothing on stdout for invalid input: " + what);
        }
    }

    @Test
    void benchPrintsSolverTimes() throws Exception {
        Cli c = Cli.run("bench", "subset-sum", "--n", "8,16,46", "--instances", "2", "--max-n", "0", "--json");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode rows = c.json().get("rows");
        assertEquals(5, rows.size(), rows.toString());
        assertEquals("exact", rows.get(0).get("solver").asText());
        assertEquals("grid", rows.get(1).get("solver").asText());
        assertEquals("grid", rows.get(4).get("solver").asText(), "no exact row beyond n = 44");
        assertEquals(2, rows.get(2).get("optimal").asInt());
        for (JsonNode r : rows) {
            assertTrue(r.get("medianSeconds").asDouble() > 0 && r.get("maxError").asDouble() >= 0, r.toString());
        }
        assertTrue(rows.get(1).get("maxExcessOverExact").asDouble() <= rows.get(1).get("maxGap").asDouble() + 1e-12);
        assertEquals(0, c.json().get("exact").size(), "--max-n below 40: no exact comparison");
        Cli text = Cli.run("bench", "subset-sum", "--n", "10", "--instances", "1", "--exact-n", "12");
        assertEquals(ExitCodes.OK, text.exit, text.err);
        assertTrue(text.out.contains("median ms") && text.out.contains("exact") && text.out.contains("grid"), text.out);
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "subset-sum", "--instances", "0").exit);
        assertTrue(text.out.contains("schroeppel-shamir") && text.out.contains("peak arrays"), text.out);
    }

    @Test
    void benchComparesTheExactSolvers() throws Exception {
        Cli c = Cli.run("bench", "subset-sum", "--n", "8", "--instances", "1", "--exact-n", "20,45",
                "--exact-instances", "1", "--json");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode ex = c.json().get("exact");
        assertEquals(3, ex.size(), ex.toString());
        assertEquals("exact", ex.get(0).get("solver").asText());
        assertEquals("schroeppel-shamir", ex.get(1).get("solver").asText());
        assertEquals(20, ex.get(1).get("n").asInt());
        assertTrue(ex.get(1).get("ratioToMitm").asDouble() > 0, ex.toString());
        assertTrue(ex.get(1).get("maxDisagreement").asDouble() <= 1e-12, ex.toString());
        assertTrue(ex.get(1).get("peakArrayBytes").asLong() < ex.get(0).get("peakArrayBytes").asLong(), ex.toString());
        assertEquals(45, ex.get(2).get("n").asInt(), "n = 45: Schroeppel-Shamir alone");
        assertFalse(ex.get(2).has("ratioToMitm"), ex.toString());
        assertEquals(1, ex.get(2).get("instances").asInt());
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "subset-sum", "--exact-n", "20", "--max-n", "44").exit);
        Cli over = Cli.run("bench", "subset-sum", "--n", "8", "--max-n", "68");
        assertEquals(ExitCodes.USAGE, over.exit);
        assertTrue(over.err.contains("--max-n") && over.err.contains("68"), over.err);
        Cli bad = Cli.run("bench", "subset-sum", "--exact-n", "20,70");
        assertEquals(ExitCodes.USAGE, bad.exit);
        assertTrue(bad.err.contains("--exact-n") && bad.err.contains("70") && bad.out.isEmpty(), bad.err);
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "subset-sum", "--exact-instances", "0").exit);
    }
}
