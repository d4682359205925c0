package dev.jackpot.teacher;

import dev.jackpot.check.Checks;

import java.util.Objects;

/**
 * One teacher-student trial: draw a pruned teacher, N samples, a learner mask and W(0); run
 * Algorithm 1; measure recovery. Every random draw is derived by name from {@code seed}
 * (see {@link TeacherTrial#SEED_NAMES}).
 *
 * @param seed             the root seed
 * @param teacher          the oracle generator
 * @param n                number of training samples N, positive
 * @param mask             the learner's mask
 * @param init             how W(0) is chosen
 * @param agd              Algorithm 1's settings
 * @param testSamples      number of fresh noiseless samples for the test error, positive
 * @param successThreshold a trial succeeds when the recovery error is below this (paper: 1e-4)
 */
public record TeacherTrialSpec(long seed, TeacherSpec teacher, int n, MaskSpec mask, InitSpec init, AgdSpec agd,
                               int testSamples, double successThreshold) {

    /** Default number of test samples. */
    public static final int DEFAULT_TEST_SAMPLES = 10_000;
    /** The paper's success threshold on the relative recovery error. */
    public static final double DEFAULT_SUCCESS_THRESHOLD = 1e-4;

    /**
     * Validates every field and their combination.
     *
     * @throws IllegalArgumentException naming the field and the value when one is out of range
     */
    public TeacherTrialSpec {
        Objects.requireNonNull(teacher, "teacher");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(agd, "agd");
        Checks.positive("N", n);
        Checks.positive("testSamples", testSamples);
        Checks.positive("successThreshold", successThreshold);
        if (agd.partitions() > n) {
            throw new IllegalArgumentException("partitions must be at most N = " + n + ", got " + agd.partitions());
        }
        if (mask.source() == MaskSource.DENSE || mask.source() == MaskSource.ORACLE) {
            // nothing to combine
        } else if (LearnerMasks.keptCount(teacher.d(), teacher.k(), mask.pruningRatio()) < 1) {
            throw new IllegalArgumentException("pruningRatio " + mask.pruningRatio() + " keeps no weight of "
                    + teacher.d() + " x " + teacher.k());
        }
    }

    /**
     * An upper estimate of the bytes one trial holds at once: the training and test inputs, labels and
     * clean outputs stored column-major ({@code (N + testSamples) (d + 2)} doubles), the per-sample
     * activations and their gradients ({@code 4 K N}), and the weights with their gradient, momentum,
     * mask and initial and teacher copies ({@code 8 K d}). For refusing, before allocating, a spec that
     * cannot fit (K = 10^9 would otherwise grow the heap for seconds and die).
     *
     * @return the estimate in bytes, as a double because it may exceed {@code Long.MAX_VALUE} for absurd sizes
     */
    public double estimatedBytes() {
        double k = teacher.k();
        double d = teacher.d();
        return 8.0 * (((double) n + testSamples) * (d + 2) + 4 * k * n + 8 * k * d);
    }

    /** @return the sizes {@link #estimatedBytes()} follows from, for messages */
    public String sizes() {
        return "K = " + teacher.k() + ", d = " + teacher.d() + ", N = " + n + ", testSamples = " + testSamples;
    }

    /**
     * The defaults everywhere except the problem size.
     *
     * @param k    neurons K
     * @param d    inputs d
     * @param n    samples N
     * @param r    support size r
     * @param seed root seed
     * @return a spec with oracle mask, lambda = 0.2, default AGD and test settings
     */
    public static TeacherTrialSpec defaults(int k, int d, int n, int r, long seed) {
        return new TeacherTrialSpec(seed, TeacherSpec.of(k, d, r), n, MaskSpec.ORACLE, InitSpec.DEFAULT,
                AgdSpec.DEFAULT, DEFAULT_TEST_SAMPLES, DEFAULT_SUCCESS_THRESHOLD);
    }

    /**
     * @param value new root seed
     * @return a copy with {@code seed} replaced
     */
    public TeacherTrialSpec withSeed(long value) {
        return new TeacherTrialSpec(value, teacher, n, mask, init, agd, testSamples, successThreshold);
    }

    /**
     * @param value new teacher
     * @return a copy with {@code teacher} replaced
     */
    public TeacherTrialSpec withTeacher(TeacherSpec value) {
        return new TeacherTrialSpec(seed, value, n, mask, init, agd, testSamples, successThreshold);
    }

    /**
     * @param value new N
     * @return a copy with {@code n} replaced
     */
    public TeacherTrialSpec withN(int value) {
        return new TeacherTrialSpec(seed, teacher, value, mask, init, agd, testSamples, successThreshold);
    }

    /**
     * @param value new mask spec
     * @return a copy with {@code mask} replaced
     */
    public TeacherTrialSpec withMask(MaskSpec value) {
        return new TeacherTrialSpec(seed, teacher, n, value, init, agd, testSamples, successThreshold);
    }

    /**
     * @param value new init spec
     * @return a copy with {@code init} replaced
     */
    public TeacherTrialSpec withInit(InitSpec value) {
        return new TeacherTrialSpec(seed, teacher, n, mask, value, agd, testSamples, successThreshold);
    }

    /**
     * @param value new AGD spec
     * @return a copy with {@code agd} replaced
     */
    public TeacherTrialSpec withAgd(AgdSpec value) {
        return new TeacherTrialSpec(seed, teacher, n, mask, init, value, testSamples, successThreshold);
    }

    /**
     * @param value new number of test samples
     * @return a copy with {@code testSamples} replaced
     */
    public TeacherTrialSpec withTestSamples(int value) {
        return new TeacherTrialSpec(seed, teacher, n, mask, init, agd, value, successThreshold);
    }
}
