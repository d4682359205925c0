package dev.jackpot.teacher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every invalid input is rejected with a message naming the parameter and the value. */
class ValidationTest {

    private static void rejects(String parameter, String value, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(parameter), "message should name " + parameter + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(value), "message should name the value " + value + ": " + e.getMessage());
    }

    @Test
    void teacherSpec() {
        rejects("K", "0", () -> TeacherSpec.of(0, 10, 2));
        rejects("K", "-3", () -> TeacherSpec.of(-3, 10, 2));
        rejects("d", "0", () -> TeacherSpec.of(2, 0, 1));
        rejects("r", "11", () -> TeacherSpec.of(2, 10, 11));
        rejects("r", "0", () -> TeacherSpec.of(2, 10, 0));
        rejects("noise", "-0.1", () -> TeacherSpec.of(2, 10, 2).withNoise(-0.1));
        rejects("noise", "NaN", () -> TeacherSpec.of(2, 10, 2).withNoise(Double.NaN));
        rejects("rSpread", "1.5", () -> TeacherSpec.of(2, 10, 2).withRSpread(1.5));
        rejects("groups", "5", () -> TeacherSpec.of(4, 100, 2).withOverlap(OverlapMode.GROUPS, 5));
        rejects("groups", "2", () -> TeacherSpec.of(4, 100, 2).withOverlap(OverlapMode.FULL, 2));
        rejects("weightRange", "0.0", () -> new TeacherSpec(2, 10, 2, 0, OverlapMode.FULL, 1, 0.0, Task.REGRESSION, 0));
        rejects("noise", "0.1", () -> TeacherSpec.of(2, 10, 2).withTask(Task.BINARY).withNoise(0.1));
    }

    @Test
    void trialSpec() {
        TeacherTrialSpec ok = TeacherTrialSpec.defaults(2, 10, 100, 2, 1);
        rejects("N", "0", () -> ok.withN(0));
        rejects("testSamples", "0", () -> ok.withTestSamples(0));
        rejects("partitions", "200", () -> ok.withAgd(AgdSpec.DEFAULT.withPartitions(200)));
    }

    @Test
    void initAndMaskSpecs() {
        rejects("lambda", "-0.5", () -> InitSpec.lambda(-0.5));
        rejects("lambda", "NaN", () -> InitSpec.lambda(Double.NaN));
        rejects("pruningRatio", "1.0", () -> MaskSpec.pruned(MaskSource.GRASP, 1.0));
        rejects("pruningRatio", "0.5", () -> new MaskSpec(MaskSource.ORACLE, 0.5, 20));
        rejects("scoreIterations", "0", () -> new MaskSpec(MaskSource.GRASP, 0.5, 0));
    }

    @Test
    void agdSpec() {
        rejects("tol", "0.0", () -> AgdSpec.DEFAULT.withTol(0));
        rejects("tol", "-1.0", () -> AgdSpec.DEFAULT.withTol(-1));
        rejects("eta", "0.0", () -> AgdSpec.DEFAULT.withEta(0, StepUnit.PAPER));
        rejects("eta", "Infinity", () -> AgdSpec.DEFAULT.withEta(Double.POSITIVE_INFINITY, StepUnit.PAPER));
        rejects("beta", "1.0", () -> AgdSpec.DEFAULT.withBeta(1));
        rejects("beta", "NaN", () -> AgdSpec.DEFAULT.withBeta(Double.NaN));
        rejects("maxIterations", "0", () -> AgdSpec.DEFAULT.withMaxIterations(0));
        rejects("partitions", "0", () -> AgdSpec.DEFAULT.withPartitions(0));
    }
}
