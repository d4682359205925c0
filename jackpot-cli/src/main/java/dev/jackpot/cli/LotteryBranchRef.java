package dev.jackpot.cli;

import dev.jackpot.experiment.FileLevelStore;
import dev.jackpot.experiment.LevelLayout;
import dev.jackpot.prune.BranchResult;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which finished branch of a {@code jackpot lottery} run a {@code tickets} subcommand reads: the run directory,
 * {@code --replicate}, {@code --level} (default: the last finished one) and {@code --branch}, checked against
 * what is on disk with a message that names what is missing.
 */
final class LotteryBranchRef {

    @Parameters(index = "0", paramLabel = "RUNDIR", description = "The run directory, e.g. runs/lottery-<hash>.")
    Path runDir;

    @Option(names = "--replicate", paramLabel = "R", defaultValue = "0", description = "Replicate (default ${DEFAULT-VALUE}).")
    int replicate;

    @Option(names = "--level", paramLabel = "L", description = "Level (default: the last finished one).")
    Integer level;

    @Option(names = "--branch", paramLabel = "NAME", defaultValue = "ticket",
            description = "ticket (the IMP ticket), random-reinit, random-prune-layerwise or random-prune-global "
                    + "(default ${DEFAULT-VALUE}).")
    String branch;

    /** A resolved branch: its store, level and stored branch name. */
    record Resolved(FileLevelStore store, int level, String branch) {
    }

    /**
     * @return the store, level and branch name
     * @throws IllegalArgumentException if the replicate, level or branch does not exist in the run
     */
    Resolved resolve() throws IOException {
        if (replicate < 0) {
            throw new IllegalArgumentException("--replicate must be non-negative, got " + replicate + ".");
        }
        Path repDir = runDir.resolve("rep-" + replicate);
        if (!Files.isDirectory(repDir)) {
            throw new IllegalArgumentException("No replicate " + replicate + " in " + runDir + " (no directory " + repDir
                    + "); is it a 'jackpot lottery' run directory?");
        }
        FileLevelStore store = new FileLevelStore(new LevelLayout(repDir), "");
        int finished = store.finishedLevels();
        if (finished == 0) {
            throw new IllegalArgumentException("Replicate " + replicate + " in " + runDir + " has no finished level.");
        }
        int l = level == null ? finished - 1 : level;
        if (l < 0 || l >= finished) {
            throw new IllegalArgumentException("--level must be in [0, " + (finished - 1) + "] (the finished levels of "
                    + "replicate " + replicate + "), got " + l + ".");
        }
        String name = branch.equals("ticket") ? BranchResult.MAIN : branch;
        if (!Files.isDirectory(new LevelLayout(repDir).branch(l, name))) {
            throw new IllegalArgumentException("Level " + l + " of replicate " + replicate + " has no branch '" + branch
                    + "'.");
        }
        return new Resolved(store, l, name);
    }
}
