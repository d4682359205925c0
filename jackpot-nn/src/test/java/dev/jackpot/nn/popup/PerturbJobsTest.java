package dev.jackpot.nn.popup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A PGD+StrongLTH table as executor jobs ({@link PerturbJobs}) against the same table in-process, on a
 * tiny Fashion-MNIST subsample: identical cells, a failed cell reported under its key, a re-run that
 * computes only it, and a resumed radius whose PGD is checked against its kept unpruned cell.
 */
class PerturbJobsTest {

    @TempDir
    Path dir;

    static PerturbSpec tiny() {
        return new PerturbSpec("custom", List.of(8), 60, 20, 40, List.of(0.0, 0.02), List.of(0.3, 0.7), 1, 1, 20,
                0.05, 4);
    }

    @Test
    void jobsGiveTheLocalTableBitForBitAndRetryOnlyWhatFailed() throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        PerturbSpec spec = tiny();
        PerturbRun.Outcome local = PerturbRun.run(spec, dir.resolve("local"), Compute.cpu(1), (c, d, t) -> { });

        // one edge-popup cell fails: every other cell is kept, the command reports the key and cause
        String bad = PerturbJobs.cellKey(0.02, 0.7);
        List<String> progress = new ArrayList<>();
        String failure;
        try (TaskExecutor failing = new TestExecutors.Failing(new LocalTaskExecutor(2), bad)) {
            IOException e = assertThrows(IOException.class, () -> PerturbRun.run(spec, dir.resolve("jobs"),
                    Compute.cpu(1), (c, d, t) -> progress.add(d + "/" + t), failing));
            assertTrue(e.getMessage().contains(bad) && e.getMessage().contains("injected failure"), e.getMessage());
            failure = e.getMessage();
        }
        assertEquals(6, progress.size(), "seven cells less the failed one, each reported once: " + progress + failure);
        assertEquals("6/7", progress.get(5));

        // the re-run checks eps 0.02's PGD against its kept unpruned cell and computes only the failed cell
        List<String> ran = new ArrayList<>();
        PerturbRun.Outcome jobs;
        try (TaskExecutor counting = new TestExecutors.Counting(new LocalTaskExecutor(2), ran)) {
            jobs = PerturbRun.run(spec, dir.resolve("jobs"), Compute.cpu(1), (c, d, t) -> { }, counting);
        }
        assertEquals(List.of(PerturbJobs.pgdKey(0.02), bad), ran);
        assertEquals(withoutSeconds(local.result()), withoutSeconds(jobs.result()));
        assertSameCells(local.layout().cells(), jobs.layout().cells());
        assertEquals(local.report(), jobs.report());

        // a finished table runs no job
        ran.clear();
        try (TaskExecutor counting = new TestExecutors.Counting(new LocalTaskExecutor(2), ran)) {
            PerturbRun.run(spec, dir.resolve("jobs"), Compute.cpu(1), (c, d, t) -> { }, counting);
        }
        assertEquals(List.of(), ran);
    }

    @Test
    void aJobWhoseKeyDoesNotMatchItsInputIsRefused() throws Exception {
        byte[] input = {0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}; // PGD, 1 thread, eps 0
        Exception e = assertThrows(IllegalArgumentException.class, () -> new PerturbJobs().run(
                SpecCodec.json().writeValueAsString(tiny()), PerturbJobs.pgdKey(0.5), input, List.of()));
        assertTrue(e.getMessage().contains(PerturbJobs.pgdKey(0.0)), e.getMessage());
    }

    private static String withoutSeconds(ObjectNode result) {
        ObjectNode o = result.deepCopy();
        o.remove("seconds");
        o.remove("runDir");
        return o.toString();
    }

    private static void assertSameCells(Path a, Path b) throws IOException {
        try (Stream<Path> files = Files.list(a)) {
            List<Path> cells = files.sorted().toList();
            assertEquals(7, cells.size());
            for (Path f : cells) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(f.getFileName())), f.toString());
            }
        }
    }
}
