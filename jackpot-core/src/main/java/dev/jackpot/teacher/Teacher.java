package dev.jackpot.teacher;

import dev.jackpot.mask.SupportMask;
import dev.jackpot.rng.Rng;

import java.util.Objects;

/**
 * A drawn oracle network: its mask M* and weights W* (K x d, rows are neurons, W* = M* . W*).
 *
 * @see TeacherSpec for the generator
 */
public final class Teacher {

    private final TeacherSpec spec;
    private final SupportMask mask;
    private final double[][] weights;

    /**
     * Wraps given weights, e.g. to test against a hand-built oracle.
     *
     * @param spec    the spec the teacher follows (task and noise are read from it)
     * @param weights K x d weights; the mask is their nonzero pattern
     * @throws IllegalArgumentException if the shape disagrees with the spec
     */
    public Teacher(TeacherSpec spec, double[][] weights) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (weights.length != spec.k() || weights[0].length != spec.d()) {
            throw new IllegalArgumentException("weights are " + weights.length + "x" + weights[0].length
                    + " but the spec says K x d = " + spec.k() + "x" + spec.d());
        }
        this.weights = Matrices.copy(weights);
        this.mask = SupportMask.nonzero(this.weights);
    }

    /**
     * Draws a teacher: support sizes, supports (with the spec's overlap mode) and weights.
     *
     * @param spec the generator's settings
     * @param rng  the "teacher" stream
     * @return the teacher
     */
    public static Teacher draw(TeacherSpec spec, Rng rng) {
        int[][] supports = drawSupports(spec, rng);
        double[][] w = new double[spec.k()][spec.d()];
        for (int j = 0; j < spec.k(); j++) {
            for (int i : supports[j]) {
                double v;
                do {
                    v = rng.uniform(-spec.weightRange(), spec.weightRange());
                } while (v == 0.0);
                w[j][i] = v;
            }
        }
        return new Teacher(spec, w);
    }

    static int[][] drawSupports(TeacherSpec spec, Rng rng) {
        int k = spec.k();
        int d = spec.d();
        int[] sizes = new int[k];
        for (int j = 0; j < k; j++) {
            double lo = (1 - spec.rSpread()) * spec.r();
            double hi = (1 + spec.rSpread()) * spec.r();
            long drawn = spec.rSpread() == 0 ? spec.r() : Math.round(rng.uniform(lo, hi));
            sizes[j] = (int) Math.max(1, Math.min(d, drawn));
        }
        int[][] supports = new int[k][];
        switch (spec.overlap()) {
            case INDEPENDENT -> {
                int[] all = range(d);
                for (int j = 0; j < k; j++) {
                    supports[j] = rng.sample(all, sizes[j]);
                }
            }
            case FULL -> drawHubGroup(range(d), sizes, allNeurons(k), supports, rng);
            case GROUPS -> {
                int[] perm = range(d);
                rng.shuffle(perm);
                int pool = d / spec.groups();
                for (int g = 0; g < spec.groups(); g++) {
                    int[] poolInputs = java.util.Arrays.copyOfRange(perm, g * pool, (g + 1) * pool);
                    int count = 0;
                    for (int j = g; j < k; j += spec.groups()) {
                        count++;
                    }
                    int[] members = new int[count];
                    for (int j = g, m = 0; j < k; j += spec.groups(), m++) {
                        members[m] = j;
                    }
                    drawHubGroup(poolInputs, sizes, members, supports, rng);
                }
            }
            default -> throw new IllegalStateException("unknown overlap mode " + spec.overlap());
        }
        return supports;
    }

    /** Every member keeps one shared hub input of the pool plus r_j - 1 others from the pool. */
    private static void drawHubGroup(int[] pool, int[] sizes, int[] members, int[][] supports, Rng rng) {
        int hubIndex = rng.nextInt(pool.length);
        int hub = pool[hubIndex];
        int[] rest = new int[pool.length - 1];
        for (int i = 0, p = 0; i < pool.length; i++) {
            if (i != hubIndex) {
                rest[p++] = pool[i];
            }
        }
        for (int j : members) {
            int[] others = rng.sample(rest, sizes[j] - 1);
            int[] s = new int[sizes[j]];
            s[0] = hub;
            System.arraycopy(others, 0, s, 1, others.length);
            supports[j] = s;
        }
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static int[] allNeurons(int k) {
        return range(k);
    }

    /** @return the spec this teacher was drawn from */
    public TeacherSpec spec() {
        return spec;
    }

    /** @return the oracle mask M* */
    public SupportMask mask() {
        return mask;
    }

    /** @return a copy of W* (K x d) */
    public double[][] weights() {
        return Matrices.copy(weights);
    }

    /** @return W* itself, for read-only use inside the library */
    double[][] weightsView() {
        return weights;
    }

    /** @return ||W*||_F */
    public double norm() {
        return Matrices.frobenius(weights);
    }
}
