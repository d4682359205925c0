package dev.jackpot.construct;

import java.util.Objects;

/**
 * The outcome of {@link PensiaDirect#approximate}: the pruned random network as candidate vectors
 * (one per target row) and kept masks (one per target weight), the approximated weights, and the
 * figures of Pensia et al.'s experiment 1 (errors, failures, candidate and kept counts).
 *
 * <p>Layer L, row k: candidates a_{k,0..n-1}; weight (k, j) keeps the candidates whose bits are set in
 * {@code mask(L, k, j)} and its approximated value is their sum in increasing index order. Its error
 * is |w_{kj} - approximated_{kj}|, a failure when above eps. Counts: candidates = n x (number of
 * target weights), as the reference reports (8,337,000 at n = 21 for 397,000 weights: the shared
 * row vector is counted once per weight); kept = the total size of the chosen subsets.
 *
 * <p>Arrays are held privately and never exposed; accessors return copies or single values.
 */
public final class PensiaDirectResult {

    private final ReluMlp target;
    private final int n;
    private final double eps;
    private final long seed;
    private final double[][] range;
    private final double[][][] candidates;
    private final int[][][] masks;
    private final double[][][] approximated;
    private final int[][] draws;
    private final double seconds;
    private final double maxError;
    private final double meanError;
    private final long failures;
    private final long kept;
    private final long weights;
    private final double[] layerMax;
    private final long[] layerFailures;
    private final int[] layerFailingRows;

    PensiaDirectResult(ReluMlp target, int n, double eps, long seed, double[][] range, double[][][] candidates,
                       int[][][] masks, double[][][] approximated, int[][] draws, double seconds) {
        this.target = Objects.requireNonNull(target, "target");
        this.n = n;
        this.eps = eps;
        this.seed = seed;
        this.range = range;
        this.candidates = candidates;
        this.masks = masks;
        this.approximated = approximated;
        this.draws = draws;
        this.seconds = seconds;
        double[][][] w = target.raw();
        double max = 0;
        double sum = 0;
        long fail = 0;
        long keep = 0;
        long count = 0;
        this.layerMax = new double[w.length];
        this.layerFailures = new long[w.length];
        this.layerFailingRows = new int[w.length];
        for (int l = 0; l < w.length; l++) {
            for (int k = 0; k < w[l].length; k++) {
                long before = layerFailures[l];
                for (int j = 0; j < w[l][k].length; j++) {
                    double e = Math.abs(w[l][k][j] - approximated[l][k][j]);
                    max = Math.max(max, e);
                    sum += e;
                    layerMax[l] = Math.max(layerMax[l], e);
                    if (e > eps) {
                        fail++;
                        layerFailures[l]++;
                    }
                    keep += Integer.bitCount(masks[l][k][j]);
                    count++;
                }
                if (layerFailures[l] > before) {
                    layerFailingRows[l]++;
                }
            }
        }
        this.maxError = max;
        this.meanError = sum / count;
        this.failures = fail;
        this.kept = keep;
        this.weights = count;
    }

    /** @return the target network */
    public ReluMlp target() {
        return target;
    }

    /** @return the network with every weight replaced by its subset sum (same shapes as the target) */
    public ReluMlp approximated() {
        return new ReluMlp(approximated);
    }

    /** @return candidates per row */
    public int n() {
        return n;
    }

    /** @return the per-weight error bound that separates successes from failures */
    public double eps() {
        return eps;
    }

    /** @return the root seed of the candidates */
    public long seed() {
        return seed;
    }

    /**
     * @param layer the layer, 0-based
     * @return {min W, max W} over the layer, the candidates' range
     */
    public double[] range(int layer) {
        return range[layer].clone();
    }

    /**
     * @param layer the layer, 0-based
     * @param row   the row (output neuron)
     * @return the row's n candidates (a copy)
     */
    public double[] candidates(int layer, int row) {
        return candidates[layer][row].clone();
    }

    /**
     * @param layer the layer, 0-based
     * @param row   the row
     * @param col   the column
     * @return the kept candidates of weight (row, col) as a bitmask over the row's candidates
     */
    public int mask(int layer, int row, int col) {
        return masks[layer][row][col];
    }

    /**
     * @param layer the layer, 0-based
     * @param row   the row
     * @param col   the column
     * @return the approximated weight, the sum of the kept candidates
     */
    public double approximatedWeight(int layer, int row, int col) {
        return approximated[layer][row][col];
    }

    /**
     * @param layer the layer, 0-based
     * @param row   the row
     * @param col   the column
     * @return |w - approximated|
     */
    public double error(int layer, int row, int col) {
        return Math.abs(target.raw()[layer][row][col] - approximated[layer][row][col]);
    }

    /** @return the largest per-weight error */
    public double maxError() {
        return maxError;
    }

    /**
     * @param layer the layer, 0-based
     * @return the largest per-weight error in the layer
     */
    public double maxError(int layer) {
        return layerMax[layer];
    }

    /**
     * @param layer the layer, 0-based
     * @return the layer's weights with error above eps
     */
    public long failures(int layer) {
        return layerFailures[layer];
    }

    /**
     * @param layer the layer, 0-based
     * @return the rows (candidate vectors) of the layer with at least one failure
     */
    public int failingRows(int layer) {
        return layerFailingRows[layer];
    }

    /** @return the number of layers */
    public int layers() {
        return layerMax.length;
    }

    /** @return the mean per-weight error */
    public double meanError() {
        return meanError;
    }

    /** @return the number of weights whose error exceeds eps */
    public long failures() {
        return failures;
    }

    /** @return the number of target weights */
    public long targetWeights() {
        return weights;
    }

    /** @return n x target weights, the candidates as the reference counts them */
    public long candidateCount() {
        return (long) n * weights;
    }

    /** @return the number of distinct random scalars drawn, n x rows */
    public long distinctCandidates() {
        long rows = 0;
        for (double[][] layer : candidates) {
            rows += layer.length;
        }
        return rows * n;
    }

    /** @return the total size of the chosen subsets (the kept weights of the pruned random network) */
    public long keptCount() {
        return kept;
    }

    /** @return kept / target weights (the reference: 9.39 at n = 21) */
    public double keptRatio() {
        return (double) kept / weights;
    }

    /** @return wall-clock seconds of the approximation */
    public double seconds() {
        return seconds;
    }

    @Override
    public String toString() {
        return "PensiaDirectResult[n=" + n + ", eps=" + eps + ", weights=" + weights + ", maxError=" + maxError
                + ", failures=" + failures + ", kept=" + kept + ", seconds=" + seconds + "]";
    }

    /** @return rows whose candidate vector was drawn more than once ({@link PensiaDirect}'s redraws) */
    public int redrawnRows() {
        int c = 0;
        for (int[] layer : draws) {
            for (int d : layer) {
                c += d > 1 ? 1 : 0;
            }
        }
        return c;
    }

    /** @return candidate vectors drawn in all, one per row plus every redraw */
    public long vectorsDrawn() {
        long c = 0;
        for (int[] layer : draws) {
            for (int d : layer) {
                c += d;
            }
        }
        return c;
    }
}
