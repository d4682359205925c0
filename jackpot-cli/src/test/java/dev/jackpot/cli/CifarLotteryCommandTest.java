package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.nn.data.Cifar10Reader;
import dev.jackpot.nn.model.Architecture;
import dev.jackpot.nn.model.ParameterSpec;
import dev.jackpot.rng.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CIFAR-10 presets of {@code jackpot lottery} end to end on a synthetic CIFAR-10-format dataset
 * (no real CIFAR-10 on the test machines): the binary batches {@code data_batch_1..5.bin} and
 * {@code test_batch.bin}, each record one label byte and 3072 pixel bytes, where class c is a
 * class-specific mean colour plus Gaussian noise, so a network separates the classes within a few
 * steps. The presets' own settings are kept except what a {@code --spec} merged over the preset
 * shrinks (data, training length, levels, replicates).
 */
class CifarLotteryCommandTest {

    @TempDir
    Path dir;

    /** Ten well-separated colours (RGB, 0..255), one per class. */
    private static final int[][] COLOURS = {
            {230, 30, 30}, {30, 230, 30}, {30, 30, 230}, {230, 230, 30}, {230, 30, 230},
            {30, 230, 230}, {240, 240, 240}, {20, 20, 20}, {130, 130, 130}, {230, 130, 30}};

    /**
     * Writes {@code perTrainFile} records into each of the five training batches and {@code test}
     * records into the test batch; labels cycle through the classes, so every file is balanced.
     */
    static Path writeSyntheticCifar(Path root, int perTrainFile, int test, long seed) throws IOException {
        Path base = Files.createDirectories(root.resolve("cifar-10-batches-bin"));
        Rng rng = Rng.of(seed);
        for (int f = 1; f <= 5; f++) {
            Files.write(base.resolve("data_batch_" + f + ".bin"), records(rng, perTrainFile));
        }
        Files.write(base.resolve("test_batch.bin"), records(rng, test));
        return root;
    }

    private static byte[] records(Rng rng, int n) {
        byte[] b = new byte[n * Cifar10Reader.RECORD];
        for (int i = 0; i < n; i++) {
            int label = i % 10;
            int at = i * Cifar10Reader.RECORD;
            b[at] = (byte) label;
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 1024; p++) {
                    double v = COLOURS[label][c] + 40 * rng.nextGaussian();
                    b[at + 1 + c * 1024 + p] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
                }
            }
        }
        return b;
    }

    /** The density layer-wise rates predict after {@code levels} rounds: sum n_l (1 - p_l)^L / sum n_l. */
    private static double predictedDensity(String model, Map<String, Double> rates, double defaultRate, int levels) {
        List<ParameterSpec> prunable = Architecture.parse(model).create(new int[] {3, 32, 32}, 10).parameters().stream()
                .filter(ParameterSpec::prunable).toList();
        double kept = 0;
        double all = 0;
        for (ParameterSpec p : prunable) {
            double rate = rates.getOrDefault(p.name(), defaultRate);
            kept += p.size() * Math.pow(1 - rate, levels);
            all += p.size();
        }
        return kept / all;
    }

    private static long prunableCount(String model) {
        return Architecture.parse(model).create(new int[] {3, 32, 32}, 10).prunableCount();
    }

    @Test
    void conv2PresetRunsOnCifarFormatDataAndLearns() throws Exception {
        Path data = writeSyntheticCifar(dir.resolve("cifar"), 24, 100, 11);
        Path spec = dir.resolve("tiny.yaml");
        // 120 training images, 8 steps of 10 at the preset's Adam (learning rate raised so 8 steps suffice);
        // no controls, to keep it short (the control branches are covered on LeNet by LotteryCommandTest), and
        // no validation set (the preset holds out 5,000; the held-out path is covered by LotteryCommandTest).
        Files.writeString(spec, "batchSize: 10\niterations: 8\nlearningRate: 0.001\nlevels: 1\nreplicates: 1\n"
                + "controls: []\nvalidation: 0\n");
        Path out = dir.resolve("runs");
        Cli c = Cli.run("lottery", "--preset", "conv2-cifar10", "--spec", spec.toString(), "--data-path",
                data.toString(), "--out", out.toString(), "--json", "--quiet");
        assertEquals(0, c.exit, c.err);
        JsonNode j = c.json();
        Path run = Path.of(j.get("runDir").asText());
        assertTrue(run.startsWith(out) && run.getFileName().toString().startsWith("lottery-"), run.toString());
        String saved = Files.readString(run.resolve("spec.yaml"));
        assertTrue(saved.contains("model: conv-2") && saved.contains("dataset: cifar10")
                && saved.contains("conv1.weight: 0.1")
                && saved.contains("batchSize: 10") && saved.contains("optimizer: ADAM"), saved); // spec over preset
        assertTrue(Files.isRegularFile(run.resolve("report.html")));
        assertTrue(Files.isDirectory(run.resolve("rep-0/level-1/main")));
        assertEquals(2, j.get("levelsComputed").asInt(), j.toString()); // levels 0 and 1 of one replicate
        JsonNode rows = j.get("levels");
        assertEquals(2, rows.size(), rows.toString());
        Map<String, Double> rates = Map.of("conv1.weight", 0.1, "conv2.weight", 0.1, "fc3.weight", 0.1);
        double tolerance = 10.0 / prunableCount("conv-2"); // ceil(p R) per layer and round: under 2 weights a layer
        for (int level = 0; level < 2; level++) {
            JsonNode r = rows.get(level);
            assertEquals(level, r.get("level").asInt());
            assertEquals("main", r.get("branch").asText());
            double acc = r.get("accuracyMean").asDouble();
            assertTrue(acc >= 0 && acc <= 1, r.toString());
            assertEquals(predictedDensity("conv-2", rates, 0.2, level), r.get("density").asDouble(), tolerance,
                    r.toString());
        }
        // Ten colour classes, chance 0.1: the dense network and the ticket both learn them in 10 steps.
        assertTrue(rows.get(0).get("accuracyMean").asDouble() > 0.5, rows.toString());
        assertTrue(rows.get(1).get("accuracyMean").asDouble() > 0.5, rows.toString());
    }

    @Test
    void resnet20PresetRunsOnCifarFormatData() throws Exception {
        Path data = writeSyntheticCifar(dir.resolve("cifar"), 12, 50, 12);
        Path spec = dir.resolve("tiny.yaml");
        // 60 training images, 6 steps of 10, learning rate x 0.1 at step 4, rewind to step 2; no controls.
        Files.writeString(spec, "batchSize: 10\niterations: 6\nmilestones: [4]\nrewindStep: 2\nlevels: 1\n"
                + "replicates: 1\ncontrols: []\n");
        Cli c = Cli.run("lottery", "--preset", "resnet20-cifar10", "--spec", spec.toString(), "--data-path",
                data.toString(), "--out", dir.resolve("runs").toString(), "--json", "--quiet");
        assertEquals(0, c.exit, c.err);
        JsonNode j = c.json();
        Path run = Path.of(j.get("runDir").asText());
        String saved = Files.readString(run.resolve("spec.yaml"));
        assertTrue(saved.contains("model: resnet-20") && saved.contains("scope: GLOBAL")
                && saved.contains("REWIND_TO_STEP") && saved.contains("augment: FLIP_CROP"), saved);
        assertTrue(Files.isDirectory(run.resolve("rep-0/level-1/main")), run.toString());
        JsonNode rows = j.get("levels");
        assertEquals(2, rows.size(), rows.toString());
        assertEquals(1.0, rows.get(0).get("density").asDouble());
        assertEquals(0.8, rows.get(1).get("density").asDouble(), 1.0 / prunableCount("resnet-20"), rows.toString());
        for (JsonNode r : rows) {
            double acc = r.get("accuracyMean").asDouble();
            assertTrue(acc >= 0 && acc <= 1, r.toString());
        }
        // --augment NONE turns the preset's augmentation off: another spec, so another run directory
        Cli plain = Cli.run("lottery", "--preset", "resnet20-cifar10", "--spec", spec.toString(), "--augment", "NONE",
                "--data-path", data.toString(), "--out", dir.resolve("runs").toString(), "--json", "--quiet");
        assertEquals(0, plain.exit, plain.err);
        Path plainRun = Path.of(plain.json().get("runDir").asText());
        assertNotEquals(run, plainRun);
        assertTrue(Files.readString(plainRun.resolve("spec.yaml")).contains("augment: NONE"));
    }
}
