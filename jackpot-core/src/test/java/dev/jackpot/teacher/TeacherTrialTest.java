package dev.jackpot.teacher;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeacherTrialTest {

    @Test
    void defaultsRecoverTheTeacherForEverySeedTried() {
        // K = 10, d = 300, N = 5000, r = 20 with every other setting at its default.
        for (long seed : new long[]{0, 1, 2, 3, 12345, -7}) {
            TeacherTrialResult r = TeacherTrial.run(TeacherTrialSpec.defaults(10, 300, 5000, 20, seed),
                    NeuronParallel.sequential(), TrialListener.NONE);
            assertTrue(r.success(), "seed " + seed + ": error " + r.recoveryError() + ", " + r.stopReason());
            assertTrue(r.recoveryError() < 1e-4);
            assertTrue(r.converged());
            assertFalse(r.diverged());
            assertEquals(20.0, r.rTilde(), 1e-9);
            assertEquals(1.0, r.maskAccuracy());
            assertEquals(0.2, r.initialError(), 1e-12);
            assertTrue(r.testError() < 1e-5, "test error " + r.testError());
        }
    }

    @Test
    void theBinaryTaskTrainsWithCrossEntropy() {
        TeacherTrialSpec spec = TeacherTrialSpec.defaults(3, 30, 20_000, 5, 4)
                .withTeacher(TeacherSpec.of(3, 30, 5).withTask(Task.BINARY)).withInit(InitSpec.lambda(0.3))
                .withAgd(AgdSpec.DEFAULT.withTol(1e-7));
        TeacherTrialResult r = TeacherTrial.run(spec, NeuronParallel.sequential(), TrialListener.NONE);
        assertFalse(r.diverged(), r.stopReason());
        // Labels carry only one bit per sample, so recovery is approximate; it must improve on W(0).
        assertTrue(r.recoveryError() < 0.5 * r.initialError(),
                "error " + r.recoveryError() + " from " + r.initialError());
    }
}
