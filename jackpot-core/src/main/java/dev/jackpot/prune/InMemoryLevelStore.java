package dev.jackpot.prune;

import java.util.ArrayList;
import java.util.List;

/** A {@link LevelStore} in memory, for tests and runs that need no resume. Not thread-safe. */
public final class InMemoryLevelStore implements LevelStore {

    private final List<LevelResult> levels = new ArrayList<>();

    @Override
    public int finishedLevels() {
        return levels.size();
    }

    @Override
    public LevelResult load(int level) {
        if (level < 0 || level >= levels.size()) {
            throw new IllegalArgumentException("Level " + level + " is not finished; " + levels.size()
                    + " levels are.");
        }
        return levels.get(level);
    }

    @Override
    public void save(LevelResult result) {
        if (result.level() != levels.size()) {
            throw new IllegalArgumentException("Level " + result.level() + " cannot be saved before level "
                    + levels.size() + ".");
        }
        levels.add(result);
    }

    /** @return the saved levels, in order */
    public List<LevelResult> levels() {
        return List.copyOf(levels);
    }
}
