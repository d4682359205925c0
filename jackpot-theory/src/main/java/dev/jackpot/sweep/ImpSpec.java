package dev.jackpot.sweep;

/**
 * Settings of the {@link Procedure#IMP} procedure.
 *
 * @param rounds   pruning rounds after the dense run, non-negative
 * @param fraction fraction of the remaining weights pruned per round, in (0, 1) (paper Fig. 10: 0.1)
 */
public record ImpSpec(int rounds, double fraction) {

    /** Default: 20 rounds of 10% (down to 0.9^20 = 12% density, as in the paper's Fig. 10). */
    public static final ImpSpec DEFAULT = new ImpSpec(20, 0.1);

    /**
     * @throws IllegalArgumentException naming the field and value when out of range
     */
    public ImpSpec {
        if (rounds < 0) {
            throw new IllegalArgumentException("imp.rounds must be non-negative, got " + rounds);
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("imp.fraction must be in (0, 1), got " + fraction);
        }
    }
}
