package dev.jackpot.prune;

/** Receives each IMP level as it finishes (after the store has saved it). */
@FunctionalInterface
public interface LevelListener {

    /** A listener that ignores everything. */
    LevelListener NONE = level -> { };

    /**
     * @param result the finished level
     */
    void levelFinished(LevelResult result);
}
