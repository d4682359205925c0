package dev.jackpot.sweep;

import dev.jackpot.jobs.SweepListener;
import dev.jackpot.store.TrialRow;
import dev.jackpot.teacher.TeacherTrialSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a child JVM with SIGKILL in the middle of a sweep, then resumes: no trial the child
 * reported finished is lost or recomputed, and the final rows equal those of an uninterrupted run.
 */
class SweepCrashTest {

    static final SweepSpec SWEEP = SweepSpec.of(TeacherTrialSpec.defaults(3, 30, 200, 5, 1).withTestSamples(100), 40,
            Axis.of("teacher.r", 3, 5), Axis.of("n", 150, 200));

    @Test
    void aKilledSweepLosesNoFinishedTrial(@TempDir Path root, @TempDir Path clean) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dorg.sqlite.tmpdir=" + root,
                SweepCrashChild.class.getName(), root.toString());
        pb.redirectErrorStream(true);
        Process child = pb.start();
        Set<String> reported = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("DONE ")) {
                    reported.add(line.substring(5));
                }
                if (reported.size() == 30) {
                    child.toHandle().destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(30, reported.size(), "the child should have reported 30 trials before it was killed");

        SweepRunner.Outcome resumed = new SweepRunner().run("sweep", SWEEP, root, 2, SweepListener.NONE);
        assertTrue(resumed.complete());
        Set<String> keys = new HashSet<>();
        for (TrialRow r : resumed.rows()) {
            keys.add(r.key());
        }
        assertTrue(keys.containsAll(reported), "every reported trial survives the kill");
        assertTrue(resumed.computed() <= SWEEP.cells() * SWEEP.trials() - reported.size(),
                "reported trials are not recomputed: computed " + resumed.computed());
        SweepRunner.Outcome reference = new SweepRunner().run("sweep", SWEEP, clean, 1, SweepListener.NONE);
        List<String> expected = SweepRunnerTest.comparable(reference.rows());
        assertEquals(expected, SweepRunnerTest.comparable(resumed.rows()));
    }
}
