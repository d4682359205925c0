package dev.jackpot.jobs;

import dev.jackpot.store.TrialRow;

/**
 * Observes a sweep. Called from worker threads, one call at a time (the runner serialises them).
 */
public interface SweepListener {

    /** A listener that does nothing. */
    SweepListener NONE = new SweepListener() {
    };

    /**
     * @param total     trials in the sweep
     * @param finished  trials already finished before this run (skipped)
     * @param scheduled trials this run will compute
     */
    default void onStart(int total, int finished, int scheduled) {
    }

    /**
     * @param row  the trial just recorded
     * @param done trials finished so far in this run
     */
    default void onTrial(TrialRow row, int done) {
    }
}
