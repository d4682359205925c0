package dev.jackpot.prune;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Density of the eligible weights after n rounds of layer-wise IMP at rates {@code p_l}:
 * <pre>
 *   Pm(n) = Σ_l N_l (1 − p_l)^n / Σ_l N_l          (closed form, rounding aside)
 * </pre>
 * (Frankle and Carbin, ICLR 2019, section 2; weak-lth.md 3.1: LeNet-300-100 at 20% hidden / 10%
 * output gives 51.3%, 21.1%, 7.0%, 3.6%, 1.9% at n = 3, 7, 12, 15, 18), and the exact per-layer
 * counts under Jackpot's rule {@code R_l(n) = R_l(n−1) − ceil(p_l·R_l(n−1))} ({@link Counting}).
 */
public final class DensitySchedule {

    private DensitySchedule() {
    }

    /**
     * @param sizes  N_l per layer
     * @param rates  p_l per layer (same keys)
     * @param rounds n, non-negative
     * @return the closed-form Pm(n)
     */
    public static double closedForm(Map<String, Long> sizes, Map<String, Double> rates, int rounds) {
        double num = 0;
        double den = 0;
        for (Map.Entry<String, Long> e : sizes.entrySet()) {
            num += e.getValue() * Math.pow(1 - rate(rates, e.getKey()), rounds);
            den += e.getValue();
        }
        return num / den;
    }

    /**
     * @param sizes  N_l per layer
     * @param rates  p_l per layer (same keys)
     * @param rounds n, non-negative
     * @return the kept count of each layer after n rounds under the exact rule
     */
    public static Map<String, Long> exactCounts(Map<String, Long> sizes, Map<String, Double> rates, int rounds) {
        if (rounds < 0) {
            throw new IllegalArgumentException("The number of rounds must be non-negative, got " + rounds + ".");
        }
        Map<String, Long> kept = new LinkedHashMap<>(sizes);
        for (int r = 0; r < rounds; r++) {
            kept.replaceAll((k, v) -> v - Counting.removals(rate(rates, k), v));
        }
        return kept;
    }

    private static double rate(Map<String, Double> rates, String layer) {
        Double p = rates.get(layer);
        if (p == null) {
            throw new IllegalArgumentException("No rate for layer " + layer + ".");
        }
        return p;
    }
}
