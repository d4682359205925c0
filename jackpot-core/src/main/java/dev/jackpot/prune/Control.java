package dev.jackpot.prune;

/**
 * Control branches run at every level L ≥ 1 next to the ticket (weak-lth.md section 3.4).
 * Each trains the same number of steps as the main branch.
 */
public enum Control {
    /**
     * Same mask, a new initialisation drawn from {@code Seeds.derive(seed, "reinit", L)}, trained
     * for the full schedule 0 .. T (OpenLTH {@code randomly_reinitialize}).
     */
    RANDOM_REINIT("random-reinit"),
    /**
     * A random mask with the ticket's per-layer counts ("layerwise shuffle"), from the ticket's
     * reset weights, drawn from {@code Seeds.derive(seed, "random-prune-layerwise", L)}.
     */
    RANDOM_PRUNE_LAYERWISE("random-prune-layerwise"),
    /**
     * A random mask with the ticket's total count, uniform over the eligible entries, from the
     * ticket's reset weights, drawn from {@code Seeds.derive(seed, "random-prune-global", L)}.
     */
    RANDOM_PRUNE_GLOBAL("random-prune-global");

    private final String branch;

    Control(String branch) {
        this.branch = branch;
    }

    /** @return the branch name used in results and file names, also the seed-derivation name */
    public String branch() {
        return branch;
    }

    /**
     * @param branch a branch name
     * @return the control of that name
     * @throws IllegalArgumentException if no control has it
     */
    public static Control ofBranch(String branch) {
        for (Control c : values()) {
            if (c.branch.equals(branch)) {
                return c;
            }
        }
        throw new IllegalArgumentException("No control branch is named " + branch + ".");
    }
}
