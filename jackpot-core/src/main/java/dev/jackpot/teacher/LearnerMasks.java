package dev.jackpot.teacher;

import dev.jackpot.mask.SupportMask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Score-based learner masks of section 4.2 of Zhang et al. (NeurIPS 2021). Both prune globally
 * over the whole d x K layer, so the r_j differ between neurons.
 */
public final class LearnerMasks {

    private LearnerMasks() {
    }

    /**
     * Number of weights kept when a fraction {@code ratio} of d K is removed: round((1 - ratio) d K).
     *
     * @param inputs  d
     * @param neurons K
     * @param ratio   pruning ratio in [0, 1)
     * @return the number of weights to keep
     */
    public static int keptCount(int inputs, int neurons, double ratio) {
        return (int) Math.round((1.0 - ratio) * inputs * neurons);
    }

    /**
     * Global magnitude pruning: keeps the {@code keep} entries of largest |W_e|.
     *
     * @param trained W_e, K x d
     * @param keep    how many weights to keep
     * @return the mask
     */
    public static SupportMask magnitude(double[][] trained, int keep) {
        double[][] score = new double[trained.length][trained[0].length];
        for (int j = 0; j < trained.length; j++) {
            for (int i = 0; i < trained[j].length; i++) {
                score[j][i] = -Math.abs(trained[j][i]);
            }
        }
        return keepLowest(score, keep);
    }

    /**
     * GraSP: score S = -W_e . (H g) with g = grad f(W_e) and H the Hessian of f at W_e, computed on
     * a dense objective; the entries with the largest scores are removed, the {@code keep} lowest
     * kept. (GraSP also divides S by |sum S|, which does not change the ranking.)
     *
     * @param dense   the objective of the dense learner (all-ones mask) on the training data
     * @param trained W_e, K x d
     * @param keep    how many weights to keep
     * @return the mask
     */
    public static SupportMask grasp(Objective dense, double[][] trained, int keep) {
        return keepLowest(graspScores(dense, trained), keep);
    }

    /**
     * GraSP's scores ranked by magnitude: the {@code keep} entries with the largest |S| are kept
     * ({@link MaskSource#GRASP_ABS}).
     *
     * @param dense   the objective of the dense learner on the training data
     * @param trained W_e, K x d
     * @param keep    how many weights to keep
     * @return the mask
     */
    public static SupportMask graspAbs(Objective dense, double[][] trained, int keep) {
        double[][] s = graspScores(dense, trained);
        for (double[] row : s) {
            for (int i = 0; i < row.length; i++) {
                row[i] = -Math.abs(row[i]);
            }
        }
        return keepLowest(s, keep);
    }

    /** S = -W_e . (H g) at W_e on {@code dense}. */
    static double[][] graspScores(Objective dense, double[][] trained) {
        int k = trained.length;
        int d = trained[0].length;
        double[][] g = new double[k][d];
        dense.evaluate(trained, 0, dense.samples(), g);
        double[][] hg = new double[k][d];
        dense.hessianVector(trained, g, hg);
        double[][] score = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < d; i++) {
                score[j][i] = -trained[j][i] * hg[j][i];
            }
        }
        return score;
    }

    /**
     * The oracle's support less its {@code drop} entries of smallest |w*|: among masks inside M* of accuracy
     * 1 - drop / ||M*||_0, the one that loses the least of W* (for the test-error floor of
     * {@link PopulationFit}).
     *
     * @param oracle the oracle's mask M*
     * @param wStar  the oracle's weights
     * @param drop   oracle entries to remove, in [0, ||M*||_0]
     * @return the mask
     */
    public static SupportMask oracleLessSmallest(SupportMask oracle, double[][] wStar, int drop) {
        if (drop < 0 || drop > oracle.nonzeros()) {
            throw new IllegalArgumentException("drop must lie in [0, " + oracle.nonzeros() + "], got " + drop + ".");
        }
        int k = wStar.length;
        int d = wStar[0].length;
        double[][] rank = new double[k][d];
        for (int j = 0; j < k; j++) {
            Arrays.fill(rank[j], Double.POSITIVE_INFINITY);
            for (int i : oracle.supportsView()[j]) {
                rank[j][i] = -Math.abs(wStar[j][i]);
            }
        }
        return keepLowest(rank, oracle.nonzeros() - drop);
    }

    /** Keeps the {@code keep} lowest scores; ties are broken by (neuron, input) order. */
    static SupportMask keepLowest(double[][] score, int keep) {
        int k = score.length;
        int d = score[0].length;
        if (keep < 0 || keep > k * d) {
            throw new IllegalArgumentException("cannot keep " + keep + " of " + (k * d) + " weights");
        }
        Integer[] order = new Integer[k * d];
        for (int p = 0; p < order.length; p++) {
            order[p] = p;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer p) -> score[p / d][p % d]).thenComparingInt(p -> p));
        List<List<Integer>> kept = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            kept.add(new ArrayList<>());
        }
        for (int q = 0; q < keep; q++) {
            kept.get(order[q] / d).add(order[q] % d);
        }
        int[][] supports = new int[k][];
        for (int j = 0; j < k; j++) {
            supports[j] = kept.get(j).stream().mapToInt(Integer::intValue).toArray();
        }
        return SupportMask.of(d, supports);
    }
}
