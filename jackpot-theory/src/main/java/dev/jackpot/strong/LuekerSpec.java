package dev.jackpot.strong;

import dev.jackpot.subsetsum.Coverage;

import java.util.List;
import java.util.Objects;

/**
 * The Lueker experiment: for each candidate law, perturbation ratio and n in [nFrom, nTo], draw
 * {@code trials} sets of n candidates and record, for every eta, whether every target in [-1, 1] is
 * approximated within eta by a subset ({@link Coverage}). The perturbation budget is eps = ratio * eta
 * (Xiong, Liao and Kyrillidis plot their PSSP curves against eps / eta); ratio 0 is plain subset sum.
 *
 * @param seed   root seed; trial t at n of law L draws its candidates from
 *               {@code Seeds.stream(seed, "lueker-" + L, n, t)}, the same for every ratio (paired)
 * @param laws   candidate laws, at least one, distinct
 * @param ratios eps / eta values, each finite and non-negative, distinct
 * @param nFrom  smallest n, at least 1
 * @param nTo    largest n, at least nFrom and at most {@link Coverage#MAX_N}
 * @param etas   accuracies, each in (0, 1], distinct
 * @param trials trials per (law, ratio, n), positive
 */
public record LuekerSpec(long seed, List<CandidateLaw> laws, List<Double> ratios, int nFrom, int nTo,
                         List<Double> etas, int trials) {

    /**
     * @throws IllegalArgumentException naming the field and value when something is out of range
     */
    public LuekerSpec {
        Objects.requireNonNull(laws, "laws");
        Objects.requireNonNull(ratios, "ratios");
        Objects.requireNonNull(etas, "etas");
        laws = List.copyOf(laws);
        ratios = List.copyOf(ratios);
        etas = List.copyOf(etas);
        if (laws.isEmpty() || laws.stream().distinct().count() != laws.size()) {
            throw new IllegalArgumentException("laws must list at least one law, each once, got " + laws);
        }
        if (ratios.isEmpty() || ratios.stream().distinct().count() != ratios.size()) {
            throw new IllegalArgumentException("ratios must list at least one eps/eta ratio, each once, got " + ratios);
        }
        for (double r : ratios) {
            if (!(r >= 0) || !Double.isFinite(r)) {
                throw new IllegalArgumentException("every eps/eta ratio must be finite and non-negative, got " + r);
            }
        }
        if (etas.isEmpty() || etas.stream().distinct().count() != etas.size()) {
            throw new IllegalArgumentException("etas must list at least one accuracy, each once, got " + etas);
        }
        for (double e : etas) {
            if (!(e > 0 && e <= 1)) {
                throw new IllegalArgumentException("every eta must be in (0, 1], got " + e);
            }
        }
        if (nFrom < 1) {
            throw new IllegalArgumentException("nFrom must be at least 1, got " + nFrom);
        }
        if (nTo < nFrom || nTo > Coverage.MAX_N) {
            throw new IllegalArgumentException("nTo must be in [nFrom, " + Coverage.MAX_N + "] = [" + nFrom + ", "
                    + Coverage.MAX_N + "], got " + nTo);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be positive, got " + trials);
        }
    }

    /** eta = 10^-1, 10^-1.5, ..., 10^-4. */
    private static final List<Double> QUICK_ETAS = List.of(1e-1, 3.1622776601683794e-2, 1e-2, 3.1622776601683794e-3,
            1e-3, 3.1622776601683794e-4, 1e-4);

    /**
     * Quick scale (about half a minute on 2 cores): both laws, ratios 0 and 1, n = 3..20, eta from
     * 1e-1 to 1e-4 in half decades, 60 trials per cell.
     *
     * @return the spec
     */
    public static LuekerSpec quick() {
        return new LuekerSpec(1998, List.of(CandidateLaw.UNIFORM, CandidateLaw.PRODUCT), List.of(0.0, 1.0), 3, 20,
                QUICK_ETAS, 60);
    }

    /**
     * Paper scale (tens of minutes): ratios 0, 1 and 10 (the ends of Xiong et al.'s eps/eta axis),
     * n = 3..23, eta down to 1e-5, 400 trials per cell.
     *
     * @return the spec
     */
    public static LuekerSpec paper() {
        List<Double> etas = new java.util.ArrayList<>(QUICK_ETAS);
        etas.add(3.1622776601683794e-5);
        etas.add(1e-5);
        return new LuekerSpec(1998, List.of(CandidateLaw.UNIFORM, CandidateLaw.PRODUCT), List.of(0.0, 1.0, 10.0), 3,
                23, etas, 400);
    }

    /**
     * Tiny scale for the tour and tests (seconds): n = 2..14, eta 1e-1 to 1e-3 in half decades, 24 trials.
     *
     * @return the spec
     */
    public static LuekerSpec tiny() {
        return new LuekerSpec(1998, List.of(CandidateLaw.UNIFORM, CandidateLaw.PRODUCT), List.of(0.0, 1.0), 2, 14,
                QUICK_ETAS.subList(0, 5), 24);
    }

    /** @return the number of n values */
    public int nCount() {
        return nTo - nFrom + 1;
    }

    /**
     * @param value trials per cell
     * @return a copy with {@code trials} replaced
     */
    public LuekerSpec withTrials(int value) {
        return new LuekerSpec(seed, laws, ratios, nFrom, nTo, etas, value);
    }

    /**
     * @param value root seed
     * @return a copy with {@code seed} replaced
     */
    public LuekerSpec withSeed(long value) {
        return new LuekerSpec(value, laws, ratios, nFrom, nTo, etas, trials);
    }
}
