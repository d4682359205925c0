package dev.jackpot.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.cli.JackpotCommand;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code jackpot sweep --engine spark} in client mode (the engine found through ServiceLoader) and
 * the spark-submit entry point, against the same sweep on the local engine. Each starts its own
 * local[2] context, after {@link SparkExecutorTest}'s has stopped.
 */
class SparkCommandLineTest {

    private static final String SPEC = """
            seed: 3
            base: {teacher: {K: 3, d: 30, r: 5}, n: 300, testSamples: 200}
            axes:
              - {name: teacher.r, values: [3, 5]}
              - {name: n, values: [150, 300]}
            trials: 2
            """;

    private static JsonNode jackpot(String... args) throws Exception {
        return jackpot(0, args);
    }

    private static JsonNode jackpot(int expectedExit, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = JackpotCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        assertEquals(expectedExit, exit, err.toString());
        return SpecCodec.json().readTree(out.toString().trim());
    }

    private static String rowsOf(String runDir) throws Exception {
        JsonNode rows = jackpot("results", "export", runDir, "--json");
        return rows.toString().replaceAll("\"seconds\":[^,}]*", "");
    }

    @Test
    void sweepCommandOnSparkMatchesTheLocalEngine(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("sweep.yaml");
        Files.writeString(spec, SPEC);
        JsonNode spark = jackpot("sweep", "--spec", spec.toString(), "--out", dir.resolve("spark").toString(),
                "--engine", "spark", "--master", "local[2]", "--quiet", "--json");
        assertEquals(8, spark.get("computed").asInt());
        assertTrue(spark.get("complete").asBoolean());
        JsonNode local = jackpot("sweep", "--spec", spec.toString(), "--out", dir.resolve("local").toString(),
                "--threads", "2", "--quiet", "--json");
        assertEquals(rowsOf(local.get("runDir").asText()), rowsOf(spark.get("runDir").asText()));
    }

    @Test
    void strongLuekerOnSparkMatchesTheLocalEngine(@TempDir Path dir) throws Exception {
        JsonNode spark = jackpot("strong", "lueker", "--trials", "1", "--out", dir.resolve("spark").toString(),
                "--engine", "spark", "--master", "local[2]", "--quiet", "--json");
        JsonNode local = jackpot("strong", "lueker", "--trials", "1", "--out", dir.resolve("local").toString(),
                "--threads", "2", "--quiet", "--json");
        assertTrue(spark.get("complete").asBoolean());
        assertEquals(local.get("computed"), spark.get("computed"));
        assertEquals(local.get("fits"), spark.get("fits"));
        assertEquals(local.get("claims"), spark.get("claims"));
        assertEquals(rowsOf(local.get("runDir").asText()), rowsOf(spark.get("runDir").asText()));
    }

    @Test
    void strongNeuronsOnSparkMatchesTheLocalEngine(@TempDir Path dir) throws Exception {
        String[] args = {"strong", "neurons", "--widths", "25,50,100", "--repeats", "2", "--quiet", "--json"};
        // the claim is not reproduced (three widths, two instances), a finding with exit 0: the same on both engines
        JsonNode spark = jackpot(concat(args, "--out", dir.resolve("spark").toString(), "--engine", "spark",
                "--master", "local[2]"));
        JsonNode local = jackpot(concat(args, "--out", dir.resolve("local").toString()));
        assertEquals(false, local.get("claims").get(0).get("reproduced").asBoolean(), local.get("claims").toString());
        assertEquals(local.get("points"), spark.get("points"));
        assertEquals(local.get("claims"), spark.get("claims"));
        assertEquals(rowsOf(local.get("runDir").asText()), rowsOf(spark.get("runDir").asText()));
    }

    @Test
    void strongWidthsOnSparkMatchesTheLocalEngine(@TempDir Path dir) throws Exception {
        String[] args = {"strong", "widths", "--repeats", "1", "--quiet", "--json"};
        JsonNode spark = jackpot(concat(args, "--out", dir.resolve("spark").toString(), "--engine", "spark", "--master",
                "local[2]"));
        JsonNode local = jackpot(concat(args, "--out", dir.resolve("local").toString()));
        assertEquals(local.get("points"), spark.get("points"));
        assertEquals(local.get("claims"), spark.get("claims"));
    }

    @Test
    void lotteryOnSparkGivesTheLocalRunBitForBit(@TempDir Path dir) throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        Path spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, "subsample: 300\ntestSubsample: 200\nepochs: 1\nlevels: 2\nreplicates: 2\n");
        // level 2 (64% density) trains on the sparse engine, levels 0-1 on libtorch
        String[] args = {"lottery", "--spec", spec.toString(), "--sparse-below", "0.7", "--quiet", "--json"};
        JsonNode spark = jackpot(concat(args, "--out", dir.resolve("spark").toString(), "--engine", "spark",
                "--master", "local[2]"));
        JsonNode local = jackpot(concat(args, "--out", dir.resolve("local").toString()));
        assertEquals(6, spark.get("levelsComputed").asInt());
        assertEquals(withoutSeconds(local.get("levels")), withoutSeconds(spark.get("levels")));
        assertEquals(Path.of(local.get("runDir").asText()).getFileName(),
                Path.of(spark.get("runDir").asText()).getFileName());
        assertSameTickets(local, spark);
        // a finished run computes nothing on either engine
        assertEquals(0, jackpot(concat(args, "--out", dir.resolve("spark").toString(), "--engine", "spark",
                "--master", "local[2]")).get("levelsComputed").asInt());
    }

    @Test
    void lotteryUnderSparkSubmitSurvivesAKilledTaskBitForBit(@TempDir Path dir) throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        Path spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, "subsample: 300\ntestSubsample: 200\nepochs: 1\nlevels: 2\nreplicates: 2\n");
        String[] args = {"lottery", "--spec", spec.toString(), "--quiet", "--json"};
        JsonNode local = jackpot(concat(args, "--out", dir.resolve("local").toString()));
        // as spark-submit starts the driver: the master comes as a system property, not as --master
        KillOneTask.reset();
        System.setProperty("spark.master", "local[2]");
        System.setProperty("spark.extraListeners", KillOneTask.class.getName());
        JsonNode spark;
        try {
            spark = jackpot(concat(args, "--out", dir.resolve("spark").toString(), "--engine", "spark"));
        } finally {
            System.clearProperty("spark.master");
            System.clearProperty("spark.extraListeners");
        }
        // the 4th task (a level-1 branch) was killed once, ran again, and nothing differs
        assertEquals(1, KillOneTask.KILLS_SENT.get());
        assertEquals(1, KillOneTask.KILLED_ENDS.get());
        assertEquals(2 + 6 + 6 + 1, KillOneTask.STARTED.get(), "every job once, the killed one twice");
        assertEquals(6, spark.get("levelsComputed").asInt());
        assertEquals(withoutSeconds(local.get("levels")), withoutSeconds(spark.get("levels")));
        assertSameTickets(local, spark);
    }

    @Test
    void lotterySizesOnSparkMatchTheLocalRun(@TempDir Path dir) throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        Path spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, "testSubsample: 200\nepochs: 1\nlevels: 1\nreplicates: 2\n");
        String[] args = {"lottery", "--spec", spec.toString(), "--sizes", "200,300", "--quiet", "--json"};
        JsonNode spark = jackpot(concat(args, "--out", dir.resolve("spark").toString(), "--engine", "spark",
                "--master", "local[2]"));
        JsonNode local = jackpot(concat(args, "--out", dir.resolve("local").toString()));
        assertEquals(2 * 2, spark.get("points").size());
        assertEquals(local.get("points"), spark.get("points"));
        assertEquals(local.get("claims"), spark.get("claims"));
    }

    @Test
    void perturbOnSparkGivesTheLocalTableBitForBit(@TempDir Path dir) throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        String[] args = {"perturb", "--eps", "0,0.02", "--sparsity", "0.3,0.7", "--threads", "1", "--json"};
        JsonNode spark = jackpot(concat(args, "--out", dir.resolve("spark").toString(), "--engine", "spark",
                "--master", "local[2]"));
        JsonNode local = jackpot(concat(args, "--out", dir.resolve("local").toString()));
        assertEquals(6, spark.get("cells").size(), "two eps, each unpruned and at two sparsities");
        for (String field : new String[] {"cells", "best", "sgdOnlyAccuracy", "sgdOnlyMaxDeviation", "claims"}) {
            assertEquals(local.get(field), spark.get(field), field);
        }
        Path a = Path.of(local.get("runDir").asText()).resolve("cells");
        Path b = Path.of(spark.get("runDir").asText()).resolve("cells");
        try (var files = Files.list(a)) {
            for (Path f : files.toList()) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(f.getFileName())), f.toString());
            }
        }
    }

    /**
     * The tiny two-replicate, two-level run's ticket files and DONE markers (level 0, then three branches of two
     * levels per replicate) are the same bytes in both runs.
     */
    private static void assertSameTickets(JsonNode local, JsonNode spark) throws Exception {
        Path a = Path.of(local.get("runDir").asText());
        Path b = Path.of(spark.get("runDir").asText());
        try (var files = Files.walk(a)) {
            List<Path> tickets = files.filter(p -> p.toString().endsWith(".safetensors") || p.endsWith("DONE")).toList();
            assertEquals(2 * (1 + 2 * 3) + 2 * 3, tickets.size());
            for (Path t : tickets) {
                assertArrayEquals(Files.readAllBytes(t), Files.readAllBytes(b.resolve(a.relativize(t))), t.toString());
            }
        }
    }

    private static String withoutSeconds(JsonNode levels) {
        return levels.toString().replaceAll("\"secondsMean\":[^,}]*", "");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void sparkSubmitEntryPoint(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("sweep.yaml");
        Files.writeString(spec, SPEC);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, SparkSweepMain.run(new String[]{"--out"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--out needs a value"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, SparkSweepMain.run(new String[]{dir.resolve("missing.yaml").toString()}, o, e));

        // spark-submit passes the master as a system property
        System.setProperty("spark.master", "local[2]");
        System.setProperty("spark.ui.enabled", "false");
        try {
            int exit = SparkSweepMain.run(new String[]{spec.toString(), "--out", dir.resolve("runs").toString(),
                    "--trials-per-task", "3"}, o, e);
            assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.clearProperty("spark.master");
            System.clearProperty("spark.ui.enabled");
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("8 of 8 trials finished (8 computed now, 0 failed)"),
                out.toString(StandardCharsets.UTF_8));
    }
}
