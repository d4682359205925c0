package dev.jackpot.theory;

import dev.jackpot.experiment.CanonicalJson;
import dev.jackpot.teacher.AgdSpec;
import dev.jackpot.teacher.InitSpec;
import dev.jackpot.teacher.MaskSource;
import dev.jackpot.teacher.MaskSpec;
import dev.jackpot.teacher.OverlapMode;
import dev.jackpot.teacher.StepUnit;
import dev.jackpot.teacher.Task;
import dev.jackpot.teacher.TeacherSpec;
import dev.jackpot.teacher.TeacherTrialSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Pins run ids. A run id is kind + the first 16 hex digits of SHA-256 over the canonical JSON of the
 * spec, with fields equal to their defaults left out (see {@link CanonicalJson}). If this test fails,
 * every stored run would silently stop being found: change an expected id only on purpose, and only
 * when old runs really must not be reused.
 */
class RunIdRegressionTest {

    private static final TeacherTrialSpec D = TeacherRun.CODEC.defaults();

    private static String id(TeacherTrialSpec spec) {
        return TeacherRun.id(spec).toString();
    }

    @Test
    void pinnedIds() {
        assertEquals("teacher-44136fa355b3678a", id(D));
        assertEquals("teacher-a61e75dcd6780103", id(D.withSeed(2)));
        assertEquals("teacher-fe1c788f83a7b21b", id(D.withN(1000)));
        assertEquals("teacher-fab05f70b93ca15b", id(D.withTeacher(TeacherSpec.of(5, 100, 20).withNoise(1e-3))));
        assertEquals("teacher-5d4e9ae905273b03", id(D.withMask(MaskSpec.pruned(MaskSource.GRASP, 0.5))));
        assertEquals("teacher-d0c424fe19c2d487", id(D.withInit(InitSpec.lambda(0.5))));
        assertEquals("teacher-c745338a5d785e5c", id(D.withAgd(AgdSpec.DEFAULT.withEta(0.5, StepUnit.PAPER).withBeta(0))));
        assertEquals("teacher-b7342f1b6efed559", id(D.withTeacher(TeacherSpec.of(10, 300, 20).withOverlap(OverlapMode.GROUPS, 2))));
        assertEquals("teacher-b25bdc1db9ef3c6b", id(D.withTeacher(TeacherSpec.of(3, 30, 5).withTask(Task.BINARY))));
        assertEquals("teacher-78bbb7c2063b2c5f", id(D.withTestSamples(100_000)));
    }

    @Test
    void canonicalFormsShowTheRule() {
        assertEquals("{}", CanonicalJson.of(TeacherRun.CODEC.toTree(D), TeacherRun.CODEC.toTree(D)));
        assertEquals("{\"agd\":{\"beta\":0,\"eta\":0.5,\"stepUnit\":\"PAPER\"}}",
                CanonicalJson.of(TeacherRun.CODEC.toTree(D.withAgd(AgdSpec.DEFAULT.withEta(0.5, StepUnit.PAPER).withBeta(0))),
                        TeacherRun.CODEC.toTree(D)));
    }

    @Test
    void pinnedSweepIds() {
        dev.jackpot.sweep.SweepSpec s = dev.jackpot.sweep.SweepSpec.of(TeacherTrialSpec.defaults(3, 30, 200, 5, 1), 4,
                dev.jackpot.sweep.Axis.of("teacher.r", 3, 5),
                new dev.jackpot.sweep.Axis("n", null, new dev.jackpot.sweep.Axis.Range(100, 300, 100)));
        assertEquals("sweep-87d8b0f410e21307", dev.jackpot.sweep.SweepRunner.id("sweep", s).toString());
        assertEquals("sweep-e954bf237e02b2dd",
                dev.jackpot.sweep.SweepRunner.id("sweep", s.withProcedure(dev.jackpot.sweep.Procedure.RATE)).toString());
    }

    @Test
    void theIdIgnoresHowAValueWasWritten() {
        TeacherTrialSpec a = TeacherRun.CODEC.parseYaml("teacher: {noise: 0.001}");
        TeacherTrialSpec b = TeacherRun.CODEC.parseYaml("teacher: {noise: 1.0e-3}\nseed: 1\nn: 5000");
        assertEquals(id(a), id(b));
        assertNotEquals(id(a), id(D));
    }
}
