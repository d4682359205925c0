package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class SweepCommandTest {

    private static final String SPEC = """
            seed: 3
            base: {teacher: {K: 3, d: 30, r: 5}, n: 300, testSamples: 200}
            axes:
              - {name: teacher.r, values: [3, 5]}
              - {name: n, range: {from: 150, to: 300, step: 150}}
            trials: 2
            """;

    @Test
    void theSparkEngineNeedsItsJarAndAMaster(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("sweep.yaml");
        Files.writeString(spec, SPEC);
        String out = dir.resolve("runs").toString();
        // jackpot-cli's own classpath has no Spark: a clear message, nothing run
        Cli spark = Cli.run("sweep", "--spec", spec.toString(), "--out", out, "--engine", "spark", "--master", "local[2]");
        assertEquals(ExitCodes.FAILURE, spark.exit);
        assertTrue(spark.err.contains("the Spark engine is not on the classpath") && spark.err.contains("spark-submit"),
                spark.err);
        assertTrue(!Files.exists(dir.resolve("runs")) || Files.list(dir.resolve("runs")).findAny().isEmpty());
        Cli noMaster = Cli.run("sweep", "--spec", spec.toString(), "--out", out, "--engine", "spark");
        assertEquals(ExitCodes.USAGE, noMaster.exit);
        assertTrue(noMaster.err.contains("--engine spark needs --master"), noMaster.err);
        Cli localMaster = Cli.run("reproduce", "zhang2021", "--out", out, "--master", "local[2]");
        assertEquals(ExitCodes.USAGE, localMaster.exit);
        assertTrue(localMaster.err.contains("--master applies only to --engine spark"), localMaster.err);
    }

    @Test
    void sweepThenShowAndExportResults(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("sweep.yaml");
        Files.writeString(spec, SPEC);
        Path out = dir.resolve("runs");
        Cli run = Cli.run("sweep", "--spec", spec.toString(), "--out", out.toString(), "--threads", "2", "--quiet", "--json");
        assertEquals(ExitCodes.OK, run.exit, run.err);
        JsonNode o = run.json();
        assertEquals(8, o.get("trials").asInt());
        assertEquals(8, o.get("computed").asInt());
        assertTrue(o.get("complete").asBoolean());
        String runDir = o.get("runDir").asText();
        assertTrue(runDir.contains("sweep-"));

        Cli again = Cli.run("sweep", "--spec", spec.toString(), "--out", out.toString(), "--quiet", "--json");
        assertEquals(0, again.json().get("computed").asInt());

        Cli show = Cli.run("results", "show", runDir, "--json");
        assertEquals(ExitCodes.OK, show.exit, show.err);
        assertEquals(8, show.json().get("ok").asInt());
        assertEquals(4, show.json().get("cells").size());
        assertEquals(1.0, show.json().get("cells").get(3).get("means").get("success").asDouble());

        Cli csv = Cli.run("results", "export", runDir, "--csv");
        assertEquals(ExitCodes.OK, csv.exit, csv.err);
        String[] lines = csv.out.split("\n");
        assertEquals(9, lines.length);
        assertTrue(lines[0].startsWith("key,cell,trial,seed,status,seconds,teacher.r,n,iterations"), lines[0]);
        Path file = dir.resolve("rows.json");
        Cli json = Cli.run("results", "export", runDir, "--json", "-o", file.toString());
        assertEquals(ExitCodes.OK, json.exit, json.err);
        assertEquals(8, dev.jackpot.experiment.SpecCodec.json().readTree(file.toFile()).size());

        assertEquals(ExitCodes.USAGE, Cli.run("results", "show", dir.resolve("nothing").toString()).exit);
        assertEquals(ExitCodes.USAGE, Cli.run("results", "export", runDir).exit, "a format is required");
    }

    @Test
    void anInvalidSweepSpecIsAUsageError(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "base: {teacher: {K: 3, d: 30, r: 5}}\naxes: [{name: teacher.r, values: [5, 40]}]\n");
        Cli c = Cli.run("sweep", "--spec", spec.toString(), "--out", dir.toString(), "--quiet");
        assertEquals(ExitCodes.USAGE, c.exit);
        assertTrue(c.err.contains("teacher.r=40") && c.err.contains("40"), c.err);
    }

    @Test
    void ctrlCStopsCleanlyAndTheSweepResumes(@TempDir Path dir) throws Exception {
        // A background job of a shell without job control starts with SIGINT ignored, and a child JVM inherits
        // that: Ctrl-C cannot reach it there, so there is nothing to test.
        assumeFalse(sigintIgnored(), "SIGINT is ignored in this process (started as a background job)");
        Path spec = dir.resolve("sweep.yaml");
        Files.writeString(spec, SPEC.replace("trials: 2", "trials: 200"));
        Path out = dir.resolve("runs");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dorg.sqlite.tmpdir=" + dir, Main.class.getName(),
                "sweep", "--spec", spec.toString(), "--out", out.toString(), "--threads", "2");
        pb.redirectErrorStream(true);
        Process child = pb.start();
        StringBuilder log = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = in.readLine()) != null) {
                log.append(line).append('\n');
                if (!signalled && line.contains("/800")) {
                    // Progress lines mean trials are being recorded: interrupt as a terminal would.
                    new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
                    signalled = true;
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ExitCodes.INTERRUPTED, child.exitValue(), log.toString());
        assertTrue(log.toString().contains("stopped"), log.toString());
        Cli resumed = Cli.run("sweep", "--spec", spec.toString(), "--out", out.toString(), "--quiet", "--json");
        assertEquals(ExitCodes.OK, resumed.exit, resumed.err);
        JsonNode o = resumed.json();
        assertTrue(o.get("computed").asInt() < 800, "finished trials were kept: " + o);
        assertEquals(800, o.get("recorded").asInt());
        assertEquals(0, o.get("failed").asInt());
    }

    /** @return whether this process ignores SIGINT (bit 1 of SigIgn in /proc/self/status), false where unknown */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 2L) != 0;
            }
        }
        return false;
    }
}
