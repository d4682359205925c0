package dev.jackpot.construct;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both constructions on small targets (design note strong-lth.md section 7, invariant 5).
 *
 * <p>The bound asserted: per-weight error e gives, for a pruned layer, at most e ||x||_1 &lt;=
 * e sqrt(d_in) ||x||_2 per output coordinate; composed over layers with ||W_i||_2 &lt;= 1 (enforced by
 * the target generator through the Frobenius norm) and 1-Lipschitz ReLU, the sup-norm error on
 * ||x||_2 &lt;= 1 is at most Delta_l with Delta_i = Delta_{i-1} + e sqrt(d_{i-1} d_i)(1 + Delta_{i-1})
 * ({@link Constructions#supErrorBound}); about e (sqrt(12) + sqrt(6)) = 5.9 e for 4-3-2 and
 * e (5 + sqrt(5)) = 7.2 e for 5-5-1.
 */
class ConstructionTest {

    private static final int[][] TARGETS = {{4, 3, 2}, {5, 5, 1}};

    @Test
    void targetSatisfiesTheNormBounds() {
        ReluMlp t = ReluMlp.randomTarget(new int[]{8, 6, 3}, 3);
        int[] d = t.widths();
        for (int i = 0; i < t.depth(); i++) {
            double frob = 0;
            for (double[] row : t.weights()[i]) {
                for (double v : row) {
                    assertTrue(Math.abs(v) <= 1 / Math.sqrt(d[i]), "max bound");
                    frob += v * v;
                }
            }
            assertTrue(Math.sqrt(frob) <= 1 + 1e-12, "Frobenius bound " + frob);
        }
        for (double[] x : Constructions.testInputs(8, 50, 1)) {
            double n = 0;
            for (double v : x) {
                n += v * v;
            }
            assertTrue(Math.sqrt(n) <= 1 + 1e-12);
        }
    }

    @Test
    void forwardIsReluBetweenLayersOnly() {
        ReluMlp m = new ReluMlp(new double[][][]{{{1, -1}, {2, 0}}, {{1, -3}}});
        // h = relu([1 - 2, 2]) = [0, 2]; out = 0 - 6 = -6 (no ReLU after the last layer)
        assertArrayEquals(new double[]{-6}, m.forward(new double[]{1, 2}));
        assertArrayEquals(new int[]{2, 2, 1}, m.widths());
        assertEquals(6, m.parameterCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReluMlp(new double[][][]{{{1, 2}}, {{1, 2}}}));
        assertTrue(e.getMessage().contains("takes 2 inputs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReluMlp.randomTarget(new int[]{3}, 1));
        assertThrows(IllegalArgumentException.class, () -> ReluMlp.randomTarget(new int[]{3, 0}, 1));
    }

    @Test
    void pensiaIsWithinTheBound() {
        double eps = 1e-3;
        for (int[] widths : TARGETS) {
            ReluMlp target = ReluMlp.randomTarget(widths, 11);
            Construction c = PensiaConstruction.build(target, PensiaConstruction.defaultN(eps), 5);
            assertTrue(c.maxWeightError() <= eps, "every weight within eps: " + c.maxWeightError());
            double sup = c.supError(Constructions.testInputs(widths[0], 500, 7));
            double bound = Constructions.supErrorBound(widths, eps);
            assertTrue(sup <= bound, "sup error " + sup + " > bound " + bound);
            assertEquals(4, c.random().depth());
            checkPrunedIsMaskedRandom(c);
        }
    }

    @Test
    void malachIsWithinTheBound() {
        double eps = 1e-2;
        for (int[] widths : TARGETS) {
            ReluMlp target = ReluMlp.randomTarget(widths, 11);
            Construction c = MalachConstruction.build(target, eps, 5);
            assertTrue(c.maxWeightError() <= eps, "every weight within eps: " + c.maxWeightError());
            double sup = c.supError(Constructions.testInputs(widths[0], 500, 7));
            assertTrue(sup <= Constructions.supErrorBound(widths, eps), "sup error " + sup);
            checkPrunedIsMaskedRandom(c);
            // two units per weight at most, each with one first-layer and one second-layer weight
            assertTrue(c.keptParameters() <= 4 * target.parameterCount(), "kept " + c.keptParameters());
        }
    }

    private static void checkPrunedIsMaskedRandom(Construction c) {
        double[][][] r = c.random().weights();
        double[][][] p = c.pruned().weights();
        long kept = 0;
        for (int i = 0; i < r.length; i++) {
            for (int a = 0; a < r[i].length; a++) {
                for (int b = 0; b < r[i][a].length; b++) {
                    double pv = p[i][a][b];
                    if (pv != 0) {
                        kept++;
                        assertEquals(Double.doubleToRawLongBits(r[i][a][b]), Double.doubleToRawLongBits(pv),
                                "a kept weight is the random weight");
                    } else {
                        assertEquals(0L, Double.doubleToRawLongBits(pv), "a pruned weight is exactly +0.0");
                    }
                }
            }
        }
        assertEquals(kept, c.keptParameters());
        assertTrue(c.keptParameters() < c.randomParameters());
        assertEquals((double) c.randomParameters() / c.targetParameters(), c.overParameterisation());
    }

    @Test
    void sameSeedGivesBitIdenticalNetworks() {
        ReluMlp target = ReluMlp.randomTarget(new int[]{4, 3, 2}, 2);
        assertEquals(target, ReluMlp.randomTarget(new int[]{4, 3, 2}, 2));
        Construction p1 = PensiaConstruction.build(target, 12, 9);
        Construction p2 = PensiaConstruction.build(target, 12, 9);
        assertEquals(p1, p2);
        assertNotEquals(p1.random(), PensiaConstruction.build(target, 12, 10).random());
        Construction m1 = MalachConstruction.build(target, 0.05, 9);
        assertEquals(m1, MalachConstruction.build(target, 0.05, 9));
        assertNotEquals(m1.random(), MalachConstruction.build(target, 0.05, 10).random());
    }

    @Test
    void pensiaWidthIsLogarithmicAndMalachsPolynomial() {
        ReluMlp target = ReluMlp.randomTarget(new int[]{5, 5, 1}, 4);
        double[] epss = {1e-1, 1e-2, 1e-3};
        int[] nNeeded = new int[epss.length];
        double[] malach = new double[epss.length];
        for (int e = 0; e < epss.length; e++) {
            nNeeded[e] = smallestN(target, epss[e]);
            malach[e] = MalachConstruction.build(target, epss[e], 3).meanCandidates();
        }
        // Pensia: n grows by a roughly constant step per decade of 1/eps (about 2 log2(10) = 6.6 for
        // products of uniforms): linear in log(1/eps), far below the 10x per decade of 1/eps.
        for (int e = 1; e < epss.length; e++) {
            int step = nNeeded[e] - nNeeded[e - 1];
            assertTrue(step >= 1 && step <= 14, "n per decade " + java.util.Arrays.toString(nNeeded));
        }
        assertTrue(nNeeded[2] <= 4 * Math.log(1e3) / Math.log(2), "n(1e-3) = " + nNeeded[2]);
        // Malach: units per weight about proportional to 1/eps (ratio 10 per decade).
        for (int e = 1; e < epss.length; e++) {
            double ratio = malach[e] / malach[e - 1];
            assertTrue(ratio > 4 && ratio < 25, "Malach candidates per decade " + java.util.Arrays.toString(malach));
        }
    }

    /** The smallest n with every per-weight error at most eps (the candidates are nested in n). */
    private static int smallestN(ReluMlp target, double eps) {
        for (int n = 1; n <= 36; n++) {
            if (PensiaConstruction.build(target, n, 1).maxWeightError() <= eps) {
                return n;
            }
        }
        throw new AssertionError("no n <= 36 reached " + eps);
    }

    @Test
    void invalidArgumentsAreNamed() {
        ReluMlp target = ReluMlp.randomTarget(new int[]{2, 1}, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PensiaConstruction.build(target, 0, 1))
                .getMessage().contains("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MalachConstruction.build(target, 0, 1))
                .getMessage().contains("eps"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MalachConstruction.build(new ReluMlp(new double[][][]{{{1.5}}}), 0.1, 1)).getMessage()
                .contains("1.5"));
        // a cap too small to find the products: reported as errors, no abort
        Construction c = MalachConstruction.build(target, 1e-3, 1, 1);
        assertTrue(c.maxWeightError() > 1e-3);
    }
}
