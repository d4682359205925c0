package dev.jackpot.teacher;

import java.util.ArrayList;
import java.util.List;

/**
 * How the masked forward pass groups neurons: neurons 2i and 2i + 1 whose supports mostly coincide
 * are computed together by {@link Forward#preactivationPair} over the union of their supports, every
 * other neuron alone by {@link Forward#preactivation}. The results are bit-identical either way; the
 * pairing only saves time, because a pair reads each shared row once and fuses twice the work per
 * pass over the data.
 *
 * <p>A pair costs about 2 |S_j u S_k| / 1.4 row-passes against r_j + r_k for two singles (measured
 * ratio of the kernels), so neurons are paired when (r_j + r_k) / (2 |S_j u S_k|) is at least
 * {@link #MIN_UTILISATION}. With the paper's fully overlapping supports at d = 100 and K = 5 that holds
 * from r of about 70 up.
 *
 * <p>Not thread-safe: the coefficient buffers are rebuilt on each call (each unit owns its own, so
 * units may run on different threads).
 */
final class NeuronPairing {

    /** Smallest (r_j + r_k) / (2 |S_j u S_k|) for which two neurons are computed as a pair. */
    static final double MIN_UTILISATION = 0.75;

    /** One unit of work: a single neuron (second = -1) or a pair over the union of supports. */
    private record Unit(int first, int second, int[] features, int[] firstIndex, int[] secondIndex,
                        double[] a, double[] b) {
    }

    private final Unit[] units;

    /**
     * @param supports sorted per-neuron supports
     */
    NeuronPairing(int[][] supports) {
        List<Unit> list = new ArrayList<>();
        int k = supports.length;
        int j = 0;
        while (j < k) {
            Unit pair = j + 1 < k ? pair(j, j + 1, supports[j], supports[j + 1]) : null;
            if (pair != null) {
                list.add(pair);
                j += 2;
            } else {
                list.add(new Unit(j, -1, null, null, null, null, null));
                j++;
            }
        }
        this.units = list.toArray(new Unit[0]);
    }

    /** @return the number of pairs (for tests and benchmarks) */
    int pairs() {
        int p = 0;
        for (Unit u : units) {
            p += u.second >= 0 ? 1 : 0;
        }
        return p;
    }

    private static Unit pair(int j, int k, int[] s, int[] t) {
        int[] union = new int[s.length + t.length];
        int[] si = new int[union.length];
        int[] ti = new int[union.length];
        int u = 0;
        int p = 0;
        int q = 0;
        while (p < s.length || q < t.length) {
            int next = q >= t.length || (p < s.length && s[p] <= t[q]) ? s[p] : t[q];
            union[u] = next;
            si[u] = p < s.length && s[p] == next ? s[p++] : -1;
            ti[u] = q < t.length && t[q] == next ? t[q++] : -1;
            u++;
        }
        if (u == 0 || s.length + t.length < MIN_UTILISATION * 2 * u) {
            return null;
        }
        return new Unit(j, k, java.util.Arrays.copyOf(union, u), java.util.Arrays.copyOf(si, u),
                java.util.Arrays.copyOf(ti, u), new double[u], new double[u]);
    }

    /**
     * z[j][n] = w_j . x_n on S_j for every neuron j and n in [lo, hi), bit-identical to
     * {@link Forward#preactivation} neuron by neuron.
     *
     * @param w        K x d weights (read on the supports only)
     * @param supports the supports this pairing was built from
     * @param rows     feature-major data
     * @param lo       first sample
     * @param hi       last sample (exclusive)
     * @param z        K outputs (modified on [lo, hi))
     * @param parallel how units are spread over threads
     */
    void preactivations(double[][] w, int[][] supports, double[][] rows, int lo, int hi, double[][] z,
                        NeuronParallel parallel) {
        parallel.forEachNeuron(units.length, i -> {
            Unit u = units[i];
            if (u.second < 0) {
                Forward.preactivation(w[u.first], supports[u.first], rows, lo, hi, z[u.first]);
                return;
            }
            double[] wa = w[u.first];
            double[] wb = w[u.second];
            for (int t = 0; t < u.features.length; t++) {
                // Off-support coefficients are exactly zero, whatever W holds there.
                u.a[t] = u.firstIndex[t] >= 0 ? wa[u.firstIndex[t]] : 0.0;
                u.b[t] = u.secondIndex[t] >= 0 ? wb[u.secondIndex[t]] : 0.0;
            }
            Forward.preactivationPair(u.a, u.b, u.features, rows, lo, hi, z[u.first], z[u.second]);
        });
    }
}
