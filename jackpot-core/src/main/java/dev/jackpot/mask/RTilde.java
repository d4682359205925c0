package dev.jackpot.mask;

/**
 * The effective support size r-tilde of Zhang et al., "Why Lottery Ticket Wins?" (NeurIPS 2021),
 * eq. (5):
 *
 * <pre>
 *   r~ = (1 / (8 K^4)) * ( sum_{j=1..K} sum_{k=1..K} (1 + delta_jk) * sqrt(r_j + r_k) )^2
 * </pre>
 *
 * where delta_jk = 1 when the supports of neurons j and k intersect (so delta_jj = 1). With all
 * supports pairwise overlapping and r_j = r it equals r; with disjoint supports it is
 * (r/4)(1 + 1/K)^2. The sample complexity of Theorem 2 is linear in r~.
 */
public final class RTilde {

    private RTilde() {
    }

    /**
     * @param mask the learner's (or oracle's) mask
     * @return r-tilde of eq. (5)
     */
    public static double of(SupportMask mask) {
        int k = mask.neurons();
        double sum = 0.0;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double delta = mask.overlaps(a, b) ? 1.0 : 0.0;
                sum += (1.0 + delta) * Math.sqrt(mask.size(a) + mask.size(b));
            }
        }
        double k2 = (double) k * k;
        return sum * sum / (8.0 * k2 * k2);
    }
}
