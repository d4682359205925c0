package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.FashionMnist;
import dev.jackpot.prune.Masks;
import dev.jackpot.ticket.Ticket;
import dev.jackpot.ticket.TicketFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The whole {@code jackpot lottery} command on a tiny Fashion-MNIST subsample, then {@code tickets export}. */
class LotteryCommandTest {

    @TempDir
    Path dir;

    @Test
    void tinyLotteryRunsResumesAndExports() throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        Path spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, "subsample: 300\ntestSubsample: 200\nepochs: 1\nlevels: 2\nreplicates: 2\n");
        Path out = dir.resolve("runs");
        Cli c = Cli.run("lottery", "--spec", spec.toString(), "--out", out.toString(), "--json", "--quiet");
        assertEquals(0, c.exit, c.err);
        JsonNode j = c.json();
        Path run = Path.of(j.get("runDir").asText());
        assertEquals(6, j.get("levelsComputed").asInt());
        // level 0 main, then main + 2 controls at levels 1 and 2
        assertEquals(7, j.get("levels").size());
        JsonNode l2 = j.get("levels").get(4);
        assertEquals(2, l2.get("level").asInt());
        assertEquals("main", l2.get("branch").asText());
        assertEquals(2, l2.get("replicates").asInt());
        assertTrue(l2.get("density").asDouble() < 0.66 && l2.get("density").asDouble() > 0.63, l2.toString());
        assertTrue(Files.isRegularFile(run.resolve("report.html")));
        assertTrue(Files.readString(run.resolve("report.md")).contains("Mask overlap"));
        assertTrue(Files.isRegularFile(run.resolve("plots/accuracy-vs-density.png")));
        assertTrue(Files.isRegularFile(run.resolve("plots/early-stop-vs-density.png")));
        assertTrue(Files.readString(run.resolve("report.md")).contains("ticket early-stop it."));
        assertTrue(j.get("earlyStopMinimum").get("iterationMean").asDouble() > 0, j.toString());
        assertTrue(l2.get("earlyStopMean").asDouble() > 0, l2.toString());

        Cli again = Cli.run("lottery", "--spec", spec.toString(), "--out", out.toString(), "--json", "--quiet");
        assertEquals(0, again.exit, again.err);
        assertEquals(0, again.json().get("levelsComputed").asInt());
        assertEquals(j.get("levels"), again.json().get("levels"));

        Cli one = Cli.run("lottery", "--spec", spec.toString(), "--out", out.toString(), "--replicate", "1", "--json",
                "--quiet");
        assertEquals(0, one.exit, one.err);
        assertEquals(0, one.json().get("levelsComputed").asInt());
        assertEquals(2, Cli.run("lottery", "--spec", spec.toString(), "--out", out.toString(), "--replicate", "2").exit);

        Path npz = dir.resolve("t.npz");
        Cli export = Cli.run("tickets", "export", run.toString(), npz.toString(), "--replicate", "1", "--level", "2",
                "--branch", "random-reinit", "--json");
        assertEquals(0, export.exit, export.err);
        Ticket t = TicketFiles.read(npz);
        assertEquals(0, Masks.maskedNonZero(t.finalWeights(), t.masks()));
        assertEquals(export.json().get("density").asDouble(), Masks.density(t.masks()));

        assertEquals(2, Cli.run("tickets", "export", run.toString(), npz.toString(), "--level", "9").exit);

        // evaluating a stored ticket again: the recorded figures bit for bit on the engine that trained it, and
        // to rounding on the sparse engine
        Cli eval = Cli.run("tickets", "evaluate", run.toString(), "--replicate", "1", "--level", "2", "--branch",
                "random-reinit", "--json");
        assertEquals(0, eval.exit, eval.err);
        JsonNode e = eval.json();
        assertTrue(e.get("accuracyMatches").asBoolean(), e.toString());
        assertEquals(e.get("recordedLoss").asDouble(), e.get("loss").asDouble(), 0.0, e.toString());
        Cli sparseEval = Cli.run("tickets", "evaluate", run.toString(), "--replicate", "1", "--level", "2", "--branch",
                "random-reinit", "--sparse-below", "1", "--json");
        assertEquals(0, sparseEval.exit, sparseEval.err);
        JsonNode s = sparseEval.json();
        assertEquals(s.get("recordedAccuracy").asDouble(), s.get("accuracy").asDouble(), 1.0 / 200 + 1e-12, s.toString());
        assertEquals(s.get("recordedLoss").asDouble(), s.get("loss").asDouble(), 1e-5 * s.get("recordedLoss").asDouble());
        assertEquals(2, Cli.run("tickets", "evaluate", run.toString(), "--level", "9").exit);
        assertEquals(2, Cli.run("tickets", "evaluate", run.toString(), "--branch", "nope").exit);
        assertEquals(2, Cli.run("tickets", "export", run.toString(), npz.toString(), "--branch", "nope").exit);
    }

    @Test
    void aValidationSetIsHeldOutAndSeeded() throws Exception {
        assertEquals(2, Cli.run("lottery", "--validation", "-1", "--out", dir.toString()).exit);
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        Path spec = dir.resolve("v.yaml");
        Files.writeString(spec, "subsample: 120\ntestSubsample: 100\nepochs: 1\nlevels: 1\nreplicates: 1\n"
                + "controls: []\n");
        Cli c = Cli.run("lottery", "--spec", spec.toString(), "--validation", "200", "--out",
                dir.resolve("runs").toString(), "--json", "--quiet");
        assertEquals(0, c.exit, c.err);
        Path run = Path.of(c.json().get("runDir").asText());
        assertTrue(Files.readString(run.resolve("spec.yaml")).contains("validation: 200"));
        assertTrue(Files.readString(run.resolve("manifest.json")).contains("\"validation\""), "the derived seed is recorded");
        JsonNode compute = new ObjectMapper().readTree(run.resolve("manifest.json").toFile())
                .get("compute");
        assertEquals("1", compute.get("intraOpThreads").asText(), compute.toString());
        assertEquals(Double.toString(Compute.DEFAULT_SPARSE_BELOW), compute.get("sparseEngineBelowDensity").asText());
        assertFalse(compute.get("cpu").asText().isBlank(), "the processor is recorded: libtorch's bits depend on it");
        // the held-out examples come from the full training set, before the 120-example subsample
        var data = dev.jackpot.nn.lottery.Lottery.load(new dev.jackpot.experiment.SpecCodec<>(
                dev.jackpot.nn.lottery.LotterySpec.class, dev.jackpot.nn.lottery.LotterySpec.lenet300Fashion())
                .read(spec).toBuilder().validation(200).build());
        assertEquals(120, data.train().size());
        assertEquals(200, data.validation().orElseThrow().size());
    }

    @Test
    void optimizerAtRewindRestoreSavesTheStateAtK() throws Exception {
        Cli wrong = Cli.run("lottery", "--optimizer-at-rewind", "restore", "--out", dir.toString());
        assertEquals(2, wrong.exit);
        assertTrue(wrong.err.contains("REWIND_TO_STEP"), wrong.err);
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        Path spec = dir.resolve("k.yaml");
        Files.writeString(spec, "subsample: 120\ntestSubsample: 100\nepochs: 1\nlevels: 1\nreplicates: 1\n"
                + "reset: REWIND_TO_STEP\nrewindStep: 1\ncontrols: []\n");
        Cli c = Cli.run("lottery", "--spec", spec.toString(), "--optimizer-at-rewind", "RESTORE", "--out",
                dir.resolve("runs").toString(), "--json", "--quiet");
        assertEquals(0, c.exit, c.err);
        Path run = Path.of(c.json().get("runDir").asText());
        assertTrue(Files.readString(run.resolve("spec.yaml")).contains("RESTORE"));
        Ticket state = TicketFiles.read(run.resolve("rep-0/level-0/main/rewind-optimizer.safetensors"));
        assertEquals("1", state.metadata().get("updates"));
        assertTrue(state.finalWeights().names().contains("adam.m/fc1.weight"), state.finalWeights().names().toString());
    }

    @Test
    void badPresetsAndSpecsAreUsageErrors() throws Exception {
        Cli c = Cli.run("lottery", "--preset", "nope", "--out", dir.toString());
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("lenet300-fashion"), c.err);
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "replicates: 0\n");
        Cli bad = Cli.run("lottery", "--spec", spec.toString(), "--out", dir.toString());
        assertEquals(2, bad.exit);
        assertTrue(bad.err.contains("replicates must be positive"), bad.err);
        assertEquals(2, Cli.run("lottery", "--preset", "lenet300-mnist", "--spec", spec.toString()).exit);
        Cli counting = Cli.run("lottery", "--counting", "OPENLTH", "--out", dir.toString());
        assertEquals(2, counting.exit);
        assertTrue(counting.err.contains("needs GLOBAL scope"), counting.err);
        Cli augment = Cli.run("lottery", "--augment", "ROTATE", "--out", dir.toString());
        assertEquals(2, augment.exit);
        assertTrue(augment.err.contains("FLIP_CROP"), augment.err);
    }

    @Test
    void sampleSizeStudyRunsOneTicketOnlyLotteryPerSize() throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        Path spec = dir.resolve("sizes.yaml");
        Files.writeString(spec, "testSubsample: 200\nepochs: 1\nlevels: 1\nreplicates: 1\n");
        Path out = dir.resolve("runs");
        Cli c = Cli.run("lottery", "--spec", spec.toString(), "--sizes", "150,300", "--out", out.toString(),
                "--json", "--quiet");
        assertEquals(0, c.exit, c.err);
        JsonNode j = c.json();
        assertEquals(4, j.get("points").size(), j.toString());
        assertEquals(4, j.get("levelsComputed").asInt());
        assertEquals(2, j.get("claims").size());
        assertTrue(j.get("runId").asText().startsWith("lottery-sizes-"));
        assertTrue(Files.exists(Path.of(j.get("report").asText())));
        assertTrue(Files.exists(Path.of(j.get("runDir").asText()).resolve("plots/accuracy-vs-pruning.png")));
        Cli again = Cli.run("lottery", "--spec", spec.toString(), "--sizes", "150,300", "--out", out.toString(),
                "--json", "--quiet");
        assertEquals(0, again.json().get("levelsComputed").asInt(), "every size resumes from its own run");
        assertEquals(j.get("points"), again.json().get("points"));
        assertEquals(2, Cli.run("lottery", "--sizes", "300,150", "--out", out.toString(), "--quiet").exit);
    }

    @Test
    void stabilityRunsOnALotteryRunAndPrintsItsClaims(@TempDir Path dir) throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        Path spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, "subsample: 600\ntestSubsample: 500\nepochs: 1\nlevels: 1\nreplicates: 2\ncontrols: []\n");
        Cli c = Cli.run("stability", "--spec", spec.toString(), "--at-levels", "0,1", "--ks", "0,5", "--points", "4",
                "--out", dir.resolve("runs").toString(), "--json", "--quiet");
        assertEquals(0, c.exit, c.err);
        var j = c.json();
        assertEquals(8, j.get("cells").size());
        assertEquals(3, j.get("claims").size());
        assertTrue(j.get("claims").get(0).has("status"));
        Cli bad = Cli.run("stability", "--spec", spec.toString(), "--at-levels", "4", "--out", dir.toString());
        assertEquals(2, bad.exit, bad.err);
        assertTrue(bad.err.contains("not one of the lottery's levels"), bad.err);
    }
}
