package dev.jackpot.construct;

import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeuronPruningTest {

    /** Independent objective: recompute c g_B and its errors from the instance and the kept set. */
    private static double[] errors(NeuronPruning.Instance inst, int[] kept, double c) {
        double[][] a = inst.contributions();
        double mse = 0;
        double sup = 0;
        for (int j = 0; j < a.length; j++) {
            double g = 0;
            for (int i : kept) {
                g += a[j][i];
            }
            double e = Math.abs(c * g - inst.y()[j]);
            mse += e * e / a.length;
            sup = Math.max(sup, e);
        }
        return new double[]{mse, sup};
    }

    @Test
    void bruteForceIsTheMinimumOverEverySubsetAndScale() {
        NeuronPruning.Instance inst = NeuronPruning.random(8, 3, 6, 4);
        NeuronPruning.Result best = NeuronPruning.bruteForce(inst);
        double[] e = errors(inst, best.kept(), best.scale());
        assertEquals(e[0], best.mse(), 1e-12);
        assertEquals(e[1], best.supError(), 1e-12);
        // no subset with any c on a fine grid does better
        for (int mask0 = 0; mask0 < 256; mask0++) {
            final int mask = mask0;
            int[] kept = java.util.stream.IntStream.range(0, 8).filter(i -> (mask >> i & 1) != 0).toArray();
            for (double c = 0; c <= 20; c += 0.05) {
                assertTrue(errors(inst, kept, c)[0] >= best.mse() - 1e-12, "mask " + mask + " c " + c);
            }
        }
    }

    @Test
    void pruningIsNeverBelowTheOptimumAndRefinementOftenReachesIt() {
        int optimal = 0;
        int instances = 30;
        for (int t = 0; t < instances; t++) {
            int m = 6 + t % 7; // 6..12
            NeuronPruning.Instance inst = NeuronPruning.random(m, 3, 5, 100 + t);
            NeuronPruning.Result opt = NeuronPruning.bruteForce(inst);
            NeuronPruning.Result rounded = NeuronPruning.prune(inst, 1e-3, false, Seeds.stream(t, "round"));
            NeuronPruning.Result refined = NeuronPruning.prune(inst, 1e-3, true, Seeds.stream(t, "round"));
            double[] e = errors(inst, refined.kept(), refined.scale());
            assertEquals(e[0], refined.mse(), 1e-12);
            assertTrue(rounded.mse() >= opt.mse() - 1e-12);
            assertTrue(refined.mse() >= opt.mse() - 1e-12);
            assertTrue(refined.mse() <= rounded.mse() + 1e-15, "local search never makes it worse");
            if (refined.mse() <= opt.mse() * (1 + 1e-9) + 1e-15) {
                optimal++;
            }
        }
        // measured: the local search reaches the exact optimum on 22 of these 30 instances (pinned: a change to the algorithm shows here)
        assertEquals(22, optimal);
    }

    @Test
    void errorShrinksAsTheRandomNetworkWidens() {
        double small = 0;
        double large = 0;
        for (int s = 0; s < 3; s++) {
            small += NeuronPruning.prune(NeuronPruning.random(25, 5, 20, s), 1e-3, false, Seeds.stream(s, "r")).mse();
            large += NeuronPruning.prune(NeuronPruning.random(800, 5, 20, s), 1e-3, false, Seeds.stream(s, "r")).mse();
        }
        assertTrue(large < small / 4, "mse at m = 800 " + large / 3 + " against " + small / 3 + " at m = 25");
    }

    @Test
    void sameSeedSameResultAndBadInputRejected() {
        NeuronPruning.Instance a = NeuronPruning.random(40, 4, 10, 9);
        NeuronPruning.Result r1 = NeuronPruning.prune(a, 1e-3, true, Seeds.stream(1, "r"));
        NeuronPruning.Result r2 = NeuronPruning.prune(NeuronPruning.random(40, 4, 10, 9), 1e-3, true, Seeds.stream(1, "r"));
        assertArrayEquals(r1.kept(), r2.kept());
        assertEquals(r1.mse(), r2.mse(), 0);
        assertThrows(IllegalArgumentException.class, () -> NeuronPruning.random(0, 4, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> NeuronPruning.prune(a, 0, false, Seeds.stream(1, "r")));
        assertThrows(IllegalArgumentException.class, () -> NeuronPruning.bruteForce(NeuronPruning.random(21, 2, 3, 1)));
    }
}
