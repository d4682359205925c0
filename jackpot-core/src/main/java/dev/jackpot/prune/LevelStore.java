package dev.jackpot.prune;

import java.io.IOException;

/**
 * Where an IMP run keeps its finished levels, so that an interrupted run resumes at the first
 * unfinished level and never recomputes a finished one. A level counts as finished only once
 * {@link #save} has returned; a level saved in part (a crash mid-write) must not count.
 */
public interface LevelStore {

    /**
     * @return the number of consecutive finished levels from 0, i.e. the first unfinished level
     * @throws IOException if the store cannot be read
     */
    int finishedLevels() throws IOException;

    /**
     * @param level a finished level
     * @return it, bit-identical to what was saved
     * @throws IOException if it cannot be read or is not finished
     */
    LevelResult load(int level) throws IOException;

    /**
     * Saves a level; when this returns the level counts as finished.
     *
     * @param result the level, which must be the first unfinished one
     * @throws IOException if it cannot be written (the level then does not count as finished)
     */
    void save(LevelResult result) throws IOException;
}
