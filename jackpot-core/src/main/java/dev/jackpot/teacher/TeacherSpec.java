package dev.jackpot.teacher;

import dev.jackpot.check.Checks;

import java.util.Objects;

/**
 * The pruned one-hidden-layer oracle of Zhang et al. (NeurIPS 2021), eq. (1):
 * y = (1/K) sum_{j=1..K} relu(w*_j . x) + xi, x ~ N(0, I_d).
 *
 * <p>Neuron j keeps r_j inputs, r_j drawn uniformly from [(1 - rSpread) r, (1 + rSpread) r] and
 * rounded (rSpread = 0: every r_j = r; the paper uses 0.1 for Figs 2 and 4), clipped to [1, d].
 * Nonzero weights are uniform in [-weightRange, weightRange] (paper: 0.5). For regression, xi ~
 * N(0, sigma^2) with sigma = noise * E_y, E_y the RMS of the noiseless training outputs.
 *
 * @param k           number of hidden neurons K, positive
 * @param d           input dimension d, positive
 * @param r           nominal support size per neuron, in [1, d]
 * @param rSpread     relative spread of r_j around r, in [0, 1)
 * @param overlap     how supports overlap
 * @param groups      number of disjoint groups for {@link OverlapMode#GROUPS} (1 otherwise)
 * @param weightRange nonzero weights are uniform in [-weightRange, weightRange], positive
 * @param task        regression or binary classification
 * @param noise       noise level sigma / E_y, non-negative (regression only)
 */
public record TeacherSpec(int k, int d, int r, double rSpread, OverlapMode overlap, int groups,
                          double weightRange, Task task, double noise) {

    /** Defaults of the paper's section 4.1 generator. */
    public static final double DEFAULT_WEIGHT_RANGE = 0.5;

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming the field and the value when one is out of range
     */
    public TeacherSpec {
        Objects.requireNonNull(overlap, "overlap");
        Objects.requireNonNull(task, "task");
        Checks.positive("K", k);
        Checks.positive("d", d);
        if (r < 1 || r > d) {
            throw new IllegalArgumentException("r must be in [1, d] = [1, " + d + "], got " + r);
        }
        Checks.finite("rSpread", rSpread);
        if (rSpread < 0 || rSpread >= 1) {
            throw new IllegalArgumentException("rSpread must be in [0, 1), got " + rSpread);
        }
        int rMax = (int) Math.min(d, Math.round(Math.floor((1 + rSpread) * r)));
        if (overlap == OverlapMode.GROUPS) {
            if (groups < 2 || groups > k) {
                throw new IllegalArgumentException(
                        "groups must be in [2, K] = [2, " + k + "] when overlap is GROUPS, got " + groups);
            }
            if (rMax > d / groups) {
                throw new IllegalArgumentException("with " + groups + " disjoint groups each input pool holds "
                        + (d / groups) + " inputs, fewer than the largest r_j = " + rMax + "; lower r or groups");
            }
        } else if (groups != 1) {
            throw new IllegalArgumentException("groups applies only to overlap GROUPS and must be 1 for "
                    + overlap + ", got " + groups);
        }
        Checks.finite("weightRange", weightRange);
        if (weightRange <= 0) {
            throw new IllegalArgumentException("weightRange must be positive, got " + weightRange);
        }
        Checks.nonNegative("noise", noise);
        if (task == Task.BINARY && noise != 0) {
            throw new IllegalArgumentException(
                    "noise applies to the regression task only (binary labels are already random), got " + noise);
        }
    }

    /**
     * The paper's default teacher: fully overlapping supports, r_j = r, weights in [-0.5, 0.5],
     * noiseless regression.
     *
     * @param k neurons
     * @param d inputs
     * @param r support size
     * @return the spec
     */
    public static TeacherSpec of(int k, int d, int r) {
        return new TeacherSpec(k, d, r, 0.0, OverlapMode.FULL, 1, DEFAULT_WEIGHT_RANGE, Task.REGRESSION, 0.0);
    }

    /**
     * @param value new noise level
     * @return a copy with {@code noise} replaced
     */
    public TeacherSpec withNoise(double value) {
        return new TeacherSpec(k, d, r, rSpread, overlap, groups, weightRange, task, value);
    }

    /**
     * @param value new spread
     * @return a copy with {@code rSpread} replaced
     */
    public TeacherSpec withRSpread(double value) {
        return new TeacherSpec(k, d, r, value, overlap, groups, weightRange, task, noise);
    }

    /**
     * @param mode    new overlap mode
     * @param nGroups number of groups (1 unless GROUPS)
     * @return a copy with the overlap replaced
     */
    public TeacherSpec withOverlap(OverlapMode mode, int nGroups) {
        return new TeacherSpec(k, d, r, rSpread, mode, nGroups, weightRange, task, noise);
    }

    /**
     * @param value new task
     * @return a copy with {@code task} replaced
     */
    public TeacherSpec withTask(Task value) {
        return new TeacherSpec(k, d, r, rSpread, overlap, groups, weightRange, value, noise);
    }
}
