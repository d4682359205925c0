package dev.jackpot.nn.lottery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.jobs.Job;
import dev.jackpot.jobs.LocalTaskExecutor;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.TestExecutors;
import dev.jackpot.nn.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A lottery run as executor jobs ({@link LotteryJobs}) against the same run in-process, on a tiny
 * Fashion-MNIST subsample: identical files, failure reporting, a re-run that retries only the failed
 * levels, and resume after a level lost mid-write.
 */
class LotteryJobsTest {

    @TempDir
    Path dir;

    /** Two replicates, levels 0-2 with both default controls; level 2 (64% density) on the sparse engine. */
    static LotterySpec tiny() {
        return Lottery.CODEC.parseYaml("subsample: 300\ntestSubsample: 200\nepochs: 1\nlevels: 2\nreplicates: 2\n");
    }

    static Compute compute() {
        return Compute.cpu(1).withSparseBelow(0.7);
    }

    @Test
    void jobsGiveTheLocalRunBitForBitAndRetryOnlyWhatFailed() throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        LotterySpec spec = tiny();
        Lottery.Result local = Lottery.run(spec, dir.resolve("local"), compute(), LotteryListener.NONE);

        // one branch fails: its replicate stops before that level, the other replicate finishes
        String bad = LotteryJobs.key(1, 1, "random-reinit");
        try (TaskExecutor failing = new TestExecutors.Failing(new LocalTaskExecutor(2), bad)) {
            IOException e = assertThrows(IOException.class, () -> Lottery.run(spec, dir.resolve("jobs"), compute(),
                    LotteryListener.NONE, failing));
            assertTrue(e.getMessage().contains(bad) && e.getMessage().contains("injected failure"), e.getMessage());
        }
        Path jobsRun = dir.resolve("jobs").resolve(Lottery.id(spec).toString());
        assertTrue(Files.isRegularFile(jobsRun.resolve("rep-0/level-2/DONE")));
        assertTrue(Files.isRegularFile(jobsRun.resolve("rep-1/level-0/DONE")));
        assertFalse(Files.exists(jobsRun.resolve("rep-1/level-1/DONE")));

        // the re-run computes only replicate 1's levels 1 and 2, and the run equals the local one
        List<String> ran = new ArrayList<>();
        try (TaskExecutor counting = new TestExecutors.Counting(new LocalTaskExecutor(2), ran)) {
            Lottery.Result jobs = Lottery.run(spec, dir.resolve("jobs"), compute(), LotteryListener.NONE, counting);
            assertEquals(2, jobs.computed());
            assertEquals(local.branches().size(), jobs.branches().size());
        }
        assertTrue(ran.stream().allMatch(k -> k.startsWith("rep-1/level-1/") || k.startsWith("rep-1/level-2/")), ran.toString());
        assertEquals(6, ran.size(), ran.toString());
        assertSameRun(dir.resolve("local").resolve(Lottery.id(spec).toString()), jobsRun);

        // a level lost mid-write (no DONE) is the only one recomputed
        Files.delete(jobsRun.resolve("rep-0/level-2/DONE"));
        Files.delete(jobsRun.resolve("rep-0/level-2/main/ticket.safetensors"));
        ran.clear();
        try (TaskExecutor counting = new TestExecutors.Counting(new LocalTaskExecutor(1), ran)) {
            assertEquals(1, Lottery.run(spec, dir.resolve("jobs"), compute(), LotteryListener.NONE, counting).computed());
        }
        assertEquals(List.of("rep-0/level-2/main", "rep-0/level-2/random-prune-layerwise", "rep-0/level-2/random-reinit"),
                ran.stream().sorted().toList());
        assertSameRun(dir.resolve("local").resolve(Lottery.id(spec).toString()), jobsRun);
    }

    @Test
    void aJobWhoseKeyDoesNotMatchItsInputIsRefused() throws Exception {
        LotteryJobs.Input in = new LotteryJobs.Input(0, 1, "main", 1, 0.3, null, null);
        Exception e = assertThrows(IllegalArgumentException.class, () -> new LotteryJobs().run(
                Lottery.CODEC.toYaml(tiny()), LotteryJobs.key(0, 2, "main"), in.encode(), List.of()));
        assertTrue(e.getMessage().contains("rep-0/level-1/main"), e.getMessage());
        // the tickets travel as shared parts, the rest as the job's own input
        LotteryJobs.Input sent = new LotteryJobs.Input(3, 4, "random-reinit", 2, 0.25, new byte[] {1, 2}, new byte[] {7});
        Job job = sent.job();
        assertEquals("rep-3/level-4/random-reinit", job.key());
        assertEquals(2, job.shared().size());
        LotteryJobs.Input back = LotteryJobs.Input.decode(job.input(), job.shared());
        assertEquals(3, back.replicate());
        assertEquals("random-reinit", back.branch());
        assertEquals(0.25, back.sparseBelow());
        assertArrayEquals(new byte[] {1, 2}, back.zero());
        assertArrayEquals(new byte[] {7}, back.prev());
        LotteryJobs.Input onlyZero = LotteryJobs.Input.decode(new LotteryJobs.Input(0, 1, "main", 1, 0.3,
                new byte[] {5}, null).encode(), List.of(new byte[] {5}));
        assertArrayEquals(new byte[] {5}, onlyZero.zero());
        assertEquals(null, onlyZero.prev());
        IOException missing = assertThrows(IOException.class, () -> LotteryJobs.Input.decode(job.input(), List.of()));
        assertTrue(missing.getMessage().contains("0 shared parts"), missing.getMessage());
    }

    /**
     * Every file of the two runs' replicate directories and result.json are identical, except their
     * wall-clock seconds.
     */
    static void assertSameRun(Path expected, Path actual) throws IOException {
        Map<String, byte[]> a = files(expected);
        Map<String, byte[]> b = files(actual);
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            if (name.endsWith("branch.json") || name.equals("result.json")) {
                assertEquals(withoutSeconds(a.get(name)), withoutSeconds(b.get(name)), name);
            } else {
                assertArrayEquals(a.get(name), b.get(name), name);
            }
        }
    }

    /** The JSON without its wall-clock fields (branch.json's metrics.seconds, result.json's secondsMean). */
    private static String withoutSeconds(byte[] json) throws IOException {
        ObjectNode o = (ObjectNode) SpecCodec.json().readTree(json);
        if (o.has("metrics")) {
            ((ObjectNode) o.get("metrics")).remove("seconds");
        }
        o.path("levels").forEach(l -> ((ObjectNode) l).remove("secondsMean"));
        return o.toString();
    }

    private static Map<String, byte[]> files(Path run) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(run)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = run.relativize(p).toString();
                if (name.startsWith("rep-") && !name.endsWith("run.lock") || name.equals("result.json")) {
                    out.put(name, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }
}
