package dev.jackpot.prune;

import java.util.List;
import java.util.Optional;

/**
 * A finished IMP level: the ticket and its controls.
 *
 * @param level    L, 0 for the dense network
 * @param main     the ticket of this level
 * @param controls the control branches, in {@link Control} order (none at level 0)
 */
public record LevelResult(int level, BranchResult main, List<BranchResult> controls) {

    /** Copies the list. */
    public LevelResult {
        controls = List.copyOf(controls);
    }

    /** @return the control branch of the given name, if it ran */
    public Optional<BranchResult> control(String branch) {
        return controls.stream().filter(b -> b.branch().equals(branch)).findFirst();
    }
}
