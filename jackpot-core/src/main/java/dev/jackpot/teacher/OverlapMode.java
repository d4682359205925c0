package dev.jackpot.teacher;

/**
 * How the teacher's neuron supports overlap. The overlap matters: delta_jk in r-tilde (eq. 5)
 * counts the pairs of neurons whose supports intersect.
 */
public enum OverlapMode {
    /**
     * Every pair of supports intersects (sum_jk delta_jk = K^2, the paper's "almost overlapped"
     * setting of section 4.1): all neurons share one random hub input and draw their other r_j - 1
     * inputs uniformly without replacement from the remaining d - 1.
     */
    FULL,
    /**
     * Neurons are dealt round-robin into {@code groups} groups with disjoint input pools (a random
     * partition of [d] into pools of floor(d / groups)); within a group every pair shares a hub
     * input, across groups supports are disjoint. Used for Figure 5 (same r_j, different r-tilde).
     */
    GROUPS,
    /** Each support is drawn uniformly from [d] independently; overlaps happen by chance. */
    INDEPENDENT
}
