package dev.jackpot.strong;

import dev.jackpot.rng.Rng;

/**
 * The law of the random subset-sum candidates.
 */
public enum CandidateLaw {
    /** x ~ U[-1, 1], Lueker's setting (Random Structures &amp; Algorithms 12(1), 1998). */
    UNIFORM,
    /**
     * x = a b with a, b ~ U[-1, 1] independent: the candidates of Pensia et al.'s construction (NeurIPS
     * 2020), products of a first- and a second-layer weight (keeping a &gt; 0 gives the same law by
     * symmetry). Density ln(1/|t|) / 2 on [-1, 1]: mass piles up near 0.
     */
    PRODUCT;

    /**
     * @param rng the stream to draw from
     * @return one candidate
     */
    public double draw(Rng rng) {
        return switch (this) {
            case UNIFORM -> rng.uniform(-1, 1);
            case PRODUCT -> rng.uniform(-1, 1) * rng.uniform(-1, 1);
        };
    }

    /**
     * @param rng the stream to draw from
     * @param n   how many
     * @return n candidates
     */
    public double[] draw(Rng rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = draw(rng);
        }
        return x;
    }

    /** @return the lower-case name used in specs and metric names */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
