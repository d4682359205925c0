package dev.jackpot.theory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.teacher.TeacherTrialSpec;
import dev.jackpot.teacher.TrialListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeacherRunTest {

    @Test
    void writesACompleteRunDirectoryAndReusesIt(@TempDir Path root) throws Exception {
        TeacherTrialSpec spec = TeacherTrialSpec.defaults(4, 40, 600, 6, 3);
        TeacherRun.Outcome first = TeacherRun.run(spec, root, 1, false, TrialListener.NONE);
        RunLayout l = first.layout();
        assertEquals(root.resolve(TeacherRun.id(spec).toString()), l.dir());
        assertTrue(l.dir().getFileName().toString().startsWith("teacher-"));
        for (Path p : new Path[]{l.spec(), l.manifest(), l.trajectory(), l.result(), l.plot("convergence", "png"),
                l.plot("convergence", "svg")}) {
            assertTrue(Files.size(p) > 0, p + " should exist and be non-empty");
        }
        assertEquals(spec, TeacherRun.CODEC.read(l.spec()));
        JsonNode manifest = SpecCodec.json().readTree(l.manifest().toFile());
        assertEquals(l.id().toString(), manifest.get("runId").asText());
        assertTrue(manifest.get("seeds").has("teacher"));
        assertFalse(manifest.get("javaVersion").asText().isEmpty());
        assertTrue(first.metrics().get("success").asBoolean());
        double[][] curve = TeacherRun.readRecoveryCurve(l);
        assertEquals(first.metrics().get("iterations").asInt() + 1, curve[0].length);
        assertEquals(first.metrics().get("recoveryError").asDouble(), curve[1][curve[1].length - 1], 0.0);

        TeacherRun.Outcome again = TeacherRun.run(spec, root, 2, false, TrialListener.NONE);
        assertTrue(again.cached());
        assertEquals(first.metrics(), again.metrics());
        TeacherRun.Outcome forced = TeacherRun.run(spec, root, 2, true, TrialListener.NONE);
        assertFalse(forced.cached());
        // Recomputing with another thread count gives the same numbers (time aside).
        assertEquals(first.metrics().get("recoveryError"), forced.metrics().get("recoveryError"));
        assertEquals(first.metrics().get("iterations"), forced.metrics().get("iterations"));
    }
}
