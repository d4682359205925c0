package dev.jackpot.experiment;

import java.nio.file.Path;
import java.util.Objects;

/**
 * File names of the IMP levels of one replicate (OpenLTH's {@code level_<L>/<branch>/} layout):
 * <pre>
 *   &lt;dir&gt;/level-&lt;L&gt;/
 *       &lt;branch&gt;/ticket.safetensors   masks, weights (see {@link dev.jackpot.experiment.FileLevelStore})
 *       &lt;branch&gt;/branch.json          steps, accuracy, loss, metrics, requested and achieved counts
 *       DONE                          written last, atomically: only then the level counts as finished
 * </pre>
 * with branch {@code main}, {@code random-reinit}, {@code random-prune-layerwise} or
 * {@code random-prune-global}.
 *
 * @param dir the replicate's directory
 */
public record LevelLayout(Path dir) {

    /** @throws NullPointerException if dir is null */
    public LevelLayout {
        Objects.requireNonNull(dir, "dir");
    }

    /** @return the level's directory */
    public Path level(int level) {
        return dir.resolve("level-" + level);
    }

    /** @return the branch's directory in the level */
    public Path branch(int level, String branch) {
        return level(level).resolve(branch);
    }

    /** @return the branch's masks and weights */
    public Path ticket(int level, String branch) {
        return branch(level, branch).resolve("ticket.safetensors");
    }

    /** @return the branch's metrics and counts */
    public Path branchJson(int level, String branch) {
        return branch(level, branch).resolve("branch.json");
    }

    /** @return the optimiser state saved at the rewind step (level 0's main branch, optimizerAtRewind RESTORE) */
    public Path rewindOptimizer(int level, String branch) {
        return branch(level, branch).resolve("rewind-optimizer.safetensors");
    }

    /** @return the completion marker of the level */
    public Path done(int level) {
        return level(level).resolve("DONE");
    }
}
