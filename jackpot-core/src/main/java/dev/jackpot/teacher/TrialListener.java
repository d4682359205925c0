package dev.jackpot.teacher;

import dev.jackpot.mask.SupportMask;

/**
 * Observes a whole {@link TeacherTrial}: told the drawn teacher, the learner's mask and W(0) before
 * Algorithm 1 starts, then every iteration.
 */
public interface TrialListener extends AgdListener {

    /** A listener that does nothing. */
    TrialListener NONE = new TrialListener() {
        @Override
        public void onIteration(int iteration, double batchLoss, double relativeChange, double[][] weights) {
        }
    };

    /**
     * @param teacher the drawn oracle
     * @param mask    the learner's mask
     * @param w0      W(0), read-only
     */
    default void onStart(Teacher teacher, SupportMask mask, double[][] w0) {
    }
}
