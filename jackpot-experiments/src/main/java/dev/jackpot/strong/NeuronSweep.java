package dev.jackpot.strong;

import dev.jackpot.construct.NeuronPruning;
import dev.jackpot.rng.Seeds;
import dev.jackpot.sweep.Stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Malach et al.'s neuron pruning as random features ({@link NeuronPruning}) against the width m of
 * the random network: for each m, {@code repeats} instances (random network, sample of N points in
 * R^d, a random 3-neuron ReLU target scaled to max |y| = 1), pruned by the randomised rounding of the
 * sign-consistent random-features fit, and by the rounding followed by local search. The paper's
 * claim is that a wide enough random network has a neuron subnetwork fitting the sample: the error
 * must shrink as m grows. Fit: ln(mean rounded MSE) = a + p ln(m).
 *
 * @param ms      widths, each positive, at least 2
 * @param d       input dimension
 * @param samples sample size N
 * @param repeats instances per width
 * @param ridge   relative ridge of the random-features fit
 * @param seed    root seed; instance r at width m uses {@code Seeds.derive(seed, "neurons", m, r)}
 */
public record NeuronSweep(List<Integer> ms, int d, int samples, int repeats, double ridge, long seed) {

    /**
     * @throws IllegalArgumentException naming the value when something is out of range
     */
    public NeuronSweep {
        ms = List.copyOf(ms);
        if (ms.size() < 2 || ms.stream().anyMatch(m -> m < 1)) {
            throw new IllegalArgumentException("widths must list at least two positive values, got " + ms);
        }
        if (d < 1 || samples < 1 || repeats < 1) {
            throw new IllegalArgumentException("d, samples and repeats must be positive, got " + d + ", " + samples
                    + ", " + repeats);
        }
        if (!(ridge > 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("ridge must be finite and positive, got " + ridge);
        }
    }

    /** @return m = 25 .. 1600 doubling, d = 5, N = 20, 5 instances per width, ridge 1e-3 (seconds) */
    public static NeuronSweep quick() {
        return new NeuronSweep(List.of(25, 50, 100, 200, 400, 800, 1600), 5, 20, 5, 1e-3, 2020);
    }

    /**
     * Means over the instances at one width.
     *
     * @param m          the width
     * @param roundedMse mean MSE of the rounded subnetwork
     * @param roundedSup mean sup error of the rounded subnetwork
     * @param refinedMse mean MSE after local search
     * @param rfMse      mean MSE of the sign-consistent random-features fit
     * @param kept       mean number of kept neurons (rounded)
     */
    public record Point(int m, double roundedMse, double roundedSup, double refinedMse, double rfMse, double kept) {
    }

    /**
     * @param points per width
     * @param fit    ln(rounded MSE) against ln(m)
     * @param shrinks whether the rounded MSE falls with m (slope &lt; 0, R^2 &gt;= 0.8)
     */
    public record Result(List<Point> points, Stats.Fit fit, boolean shrinks) {
    }

    /** @return the measured points and the fit */
    public Result run() {
        List<Point> points = new ArrayList<>();
        for (int m : ms) {
            double rm = 0;
            double rs = 0;
            double fm = 0;
            double rf = 0;
            double kept = 0;
            for (int r = 0; r < repeats; r++) {
                long s = Seeds.derive(seed, "neurons", m, r);
                NeuronPruning.Instance inst = NeuronPruning.random(m, d, samples, s);
                NeuronPruning.Result rounded = NeuronPruning.prune(inst, ridge, false, Seeds.stream(s, "rounding"));
                NeuronPruning.Result refined = NeuronPruning.prune(inst, ridge, true, Seeds.stream(s, "rounding"));
                rm += rounded.mse() / repeats;
                rs += rounded.supError() / repeats;
                fm += refined.mse() / repeats;
                rf += rounded.rfMse() / repeats;
                kept += rounded.kept().length / (double) repeats;
            }
            points.add(new Point(m, rm, rs, fm, rf, kept));
        }
        Stats.Fit fit = Stats.line(points.stream().mapToDouble(p -> Math.log(p.m())).toArray(),
                points.stream().mapToDouble(p -> Math.log(p.roundedMse())).toArray());
        return new Result(points, fit, fit.slope() < 0 && fit.r2() >= 0.8);
    }
}
