package dev.jackpot.nn.lottery;

import dev.jackpot.prune.LevelResult;

/** Progress of a {@link Lottery} run; library code never prints. Called on the running thread. */
public interface LotteryListener {

    /** Ignores everything. */
    LotteryListener NONE = new LotteryListener() {
    };

    /**
     * Before the first level of a replicate is computed or loaded.
     *
     * @param replicate the replicate, from 0
     * @param finished  levels already finished in the run directory (resumed, not recomputed)
     */
    default void replicateStarted(int replicate, int finished) {
    }

    /**
     * After a level of a replicate was computed and saved.
     *
     * @param replicate the replicate
     * @param level     the level with its ticket and control branches
     */
    default void levelFinished(int replicate, LevelResult level) {
    }

    /**
     * After each training step of any branch.
     *
     * @param replicate the replicate
     * @param step      steps completed in the current job
     * @param total     the job's end step
     */
    default void step(int replicate, long step, long total) {
    }
}
