package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TourAndBenchCommandTest {

    @Test
    void theTourRunsEveryStepAndWritesItsRuns(@TempDir Path out) throws Exception {
        Cli c = Cli.run("tour", "--json", "--quiet", "--out", out.toString());
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode s = c.json();
        Path dir = Path.of(s.get("runDir").asText());
        assertTrue(Files.exists(dir.resolve("summary.md")));
        assertTrue(Files.exists(dir.resolve("plots/agd-vs-gd.png")) && Files.exists(dir.resolve("plots/tensor-init.svg")));
        assertTrue(s.get("teacher").get("success").asBoolean());
        assertTrue(s.get("agdVsGd").get("agdIterations").asInt() < s.get("agdVsGd").get("gdIterations").asInt());
        assertEquals(3, s.get("masks").size());
        assertEquals(4, s.get("tensorInit").size());
        assertTrue(s.get("tensorInitPopulationError").asDouble() < 1e-6);
        assertEquals(4, s.get("overlap").size());
        assertEquals(8, s.get("subsetSum").size());
        assertEquals(4, s.get("construct").size());
        assertTrue(s.get("construct").get(0).get("supError").asDouble() < 0.1);
        assertTrue(s.get("subsetSum").get(0).get("optimal").asBoolean(), "exact meet in the middle is proven optimal");
        assertTrue(s.get("figure4").get("claims").get(0).get("reproduced").asBoolean(), s.get("figure4").toString());
        assertTrue(Files.exists(Path.of(s.get("figure4").get("report").asText())));
        assertEquals(2, s.get("lueker").get("fits").size(), s.get("lueker").toString());
        assertTrue(s.get("lueker").get("fits").get(0).get("c").asDouble() > 0, s.get("lueker").toString());
        JsonNode lottery = s.get("lottery");
        if (!lottery.has("skipped")) {
            // level 0, then the ticket and both controls at levels 1 and 2
            assertEquals(7, lottery.get("branches").size(), lottery.toString());
            assertTrue(Files.exists(Path.of(lottery.get("runDir").asText()).resolve("report.html")));
            assertTrue(lottery.get("branches").get(0).get("accuracy").asDouble() > 0.3, lottery.toString());
        }
        try (var runs = Files.list(out)) {
            assertTrue(runs.filter(p -> p.getFileName().toString().startsWith("teacher-")).count() >= 8);
        }
    }

    @Test
    void benchPrintsFiguresForASmallConfiguration() throws Exception {
        Cli c = Cli.run("bench", "teacher", "--config", "3,40,400,5", "--repeats", "1", "--json");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode config = c.json().get("configs").get(0);
        assertTrue(config.get("iterations").asInt() > 0);
        assertTrue(config.get("speedup").asDouble() > 0);
        assertTrue(config.get("sparseGflops").asDouble() > 0);
        assertTrue(config.get("featureMajorGflops").asDouble() > 0);
        assertTrue(config.get("layoutSpeedup").asDouble() > 0);
        // fractions of an fp64 GEMM measured in the same run, or of a nominal peak per core times the threads
        double reference = c.json().get("peakGflops").asDouble();
        assertTrue(reference > 0 && c.json().get("peakSource").asText().contains("GEMM"), c.json().toString());
        assertEquals(config.get("sparseGflops").asDouble() / reference, config.get("sparseFractionOfPeak").asDouble(), 1e-12);
        Cli nominal = Cli.run("bench", "teacher", "--config", "3,40,400,5", "--repeats", "1", "--threads", "2",
                "--peak-gflops", "40", "--json");
        assertEquals(ExitCodes.OK, nominal.exit, nominal.err);
        assertEquals(80.0, nominal.json().get("peakGflops").asDouble());
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "teacher", "--peak-gflops", "0").exit);
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "teacher", "--config", "1,2").exit);
    }

    @Test
    void benchSweepReportsWallAndCpuProjections() throws Exception {
        Cli c = Cli.run("bench", "sweep", "--figure", "4", "--scale", "quick", "--trials", "1", "--threads", "2", "--json");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode o = c.json();
        assertEquals(40, o.get("trials").asInt());
        assertTrue(o.get("processCpuSecondsPerTrial").asDouble() > 0);
        assertTrue(o.get("projectedFullWallSecondsFromCpu").asDouble() > 0);
        assertTrue(o.get("projectedFullWallSeconds").asDouble() > 0);
    }
}
