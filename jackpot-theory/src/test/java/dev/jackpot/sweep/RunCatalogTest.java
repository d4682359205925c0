package dev.jackpot.sweep;

import dev.jackpot.jobs.SweepListener;
import dev.jackpot.run.RunCatalog;
import dev.jackpot.run.RunCatalog.State;
import dev.jackpot.run.RunLock;
import dev.jackpot.store.TrialRow;
import dev.jackpot.teacher.InitMethod;
import dev.jackpot.teacher.InitSpec;
import dev.jackpot.teacher.TeacherTrialSpec;
import dev.jackpot.teacher.TrialListener;
import dev.jackpot.theory.TeacherRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCatalogTest {

    private static Map<String, State> states(Path root) throws Exception {
        return RunCatalog.scan(root).stream().collect(Collectors.toMap(RunCatalog.Entry::kind, RunCatalog.Entry::state));
    }

    @Test
    void everyRunIsListedWithTheStateItStoppedInAndOnlyUnfinishedOnesAreCleaned(@TempDir Path root) throws Exception {
        // complete: a sweep that ran to the end, and a teacher run with its result.
        new SweepRunner().run("done", SweepRunnerTest.SMALL, root, 1, SweepListener.NONE);
        TeacherRun.Outcome teacher = TeacherRun.run(TeacherTrialSpec.defaults(2, 10, 100, 3, 1).withTestSamples(50),
                root, 1, false, TrialListener.NONE);
        // interrupted: stopped after 3 trials.
        SweepRunner stopping = new SweepRunner();
        stopping.run("stopped", SweepRunnerTest.SMALL, root, 1, new SweepListener() {
            @Override
            public void onTrial(TrialRow row, int done) {
                if (done == 3) {
                    stopping.stop();
                }
            }
        });
        // failed: tensor initialisation cannot run with d = r = 1.
        TeacherTrialSpec bad = TeacherTrialSpec.defaults(2, 1, 50, 1, 1).withTestSamples(20)
                .withInit(new InitSpec(InitMethod.TENSOR, 0, 0));
        new SweepRunner().run("failing", SweepSpec.of(bad, 1, Axis.of("n", 50)), root, 1, SweepListener.NONE);
        // incomplete: killed before its manifest (a store and a spec, nothing else).
        SweepRunner.Outcome killed = new SweepRunner().run("killed", SweepRunnerTest.SMALL, root, 1, SweepListener.NONE);
        Files.delete(killed.layout().manifest());
        // incomplete: a single run killed before its result.
        Path half = root.resolve("popup-0123456789abcdef");
        Files.createDirectories(half);
        Files.writeString(half.resolve("spec.json"), "{}");
        // not a run: no id-shaped name, or nothing a run writes.
        Files.createDirectories(root.resolve("notes"));
        Files.createDirectories(root.resolve("empty-0123456789abcdef"));

        Map<String, State> s = states(root);
        assertEquals(Map.of("done", State.COMPLETE, "teacher", State.COMPLETE, "stopped", State.INTERRUPTED,
                "failing", State.FAILED, "killed", State.INCOMPLETE, "popup", State.INCOMPLETE), s);
        // running: a process holds the lock.
        try (RunLock lock = RunLock.acquire(teacher.layout().dir())) {
            assertEquals(State.RUNNING, states(root).get("teacher"));
            assertEquals(State.RUNNING, RunCatalog.state(teacher.layout().dir()));
        }
        assertTrue(RunCatalog.scan(root).stream().allMatch(e -> e.bytes() > 0 && e.id().startsWith(e.kind() + "-")));

        List<String> deleted = RunCatalog.cleanIncomplete(root).stream().map(RunCatalog.Entry::kind).sorted().toList();
        assertEquals(List.of("failing", "killed", "popup", "stopped"), deleted);
        assertEquals(Map.of("done", State.COMPLETE, "teacher", State.COMPLETE), states(root));
        assertFalse(Files.exists(half));
        assertTrue(Files.isDirectory(root.resolve("notes")), "what is not a run is never touched");
    }
}
