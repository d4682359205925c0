package dev.jackpot.nn.strong;

import dev.jackpot.construct.PensiaDirect;
import dev.jackpot.experiment.SpecCodec;

/**
 * Pensia et al.'s experiment 1 ("SubsetSum", NeurIPS 2020; design note strong-lth.md section 4.4) on a
 * self-trained Fashion-MNIST target: train a bias-free MLP 784-h-10 with Adam, approximate every weight
 * by the nearest subset sum of n = c round(log2(1/eps)) random scalars shared by its row
 * ({@link PensiaDirect}), and compare the two networks' test accuracy.
 *
 * @param seed         root seed: subsample, initialisation, data order and candidates are derived from it by name
 * @param eps          per-weight error, in (0, 1) (the paper: 0.01)
 * @param c            multiplier of n (the paper: 3, so n = 21 at eps = 0.01)
 * @param hidden       hidden width h (the paper: 500)
 * @param epochs       training epochs of the target, positive
 * @param trainSize    class-balanced training subsample, 0 for all 60,000 images
 * @param testSize     class-balanced test subsample, 0 for all 10,000 images
 * @param learningRate Adam's learning rate, positive and finite
 * @param batchSize    minibatch size, positive
 * @param dataPath     directory of the four Fashion-MNIST IDX files; blank to locate Debian's package
 * @param redraws      extra candidate draws allowed for a row with a weight above eps (0, the default, is the
 *                     reference's one draw; the reference aborts instead): see {@link PensiaDirect}
 */
public record PensiaExp1Spec(long seed, double eps, int c, int hidden, int epochs, int trainSize, int testSize,
                             double learningRate, int batchSize, String dataPath, int redraws) {

    /** Run kind. */
    public static final String KIND = "strong-pensia-exp1";

    /** The largest accuracy difference, in percentage points, for "approximated accuracy equals target accuracy". */
    public static final double ACCURACY_TOLERANCE_POINTS = 0.1;

    /** Codec; defaults are {@link #defaults()}. */
    public static final SpecCodec<PensiaExp1Spec> CODEC = new SpecCodec<>(PensiaExp1Spec.class, defaults());

    /**
     * @throws IllegalArgumentException naming the value when something is out of range
     */
    public PensiaExp1Spec {
        dataPath = dataPath == null ? "" : dataPath;
        if (!(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException("eps, the per-weight error, must be in (0, 1), got " + eps + ".");
        }
        if (c < 1) {
            throw new IllegalArgumentException("c, the multiplier of n = c round(log2(1/eps)), must be positive, got "
                    + c + ".");
        }
        PensiaDirect.candidatesFor(eps, c);
        if (hidden < 1) {
            throw new IllegalArgumentException("The hidden width must be positive, got " + hidden + ".");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("The training epochs must be positive, got " + epochs + ".");
        }
        if (trainSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("The subsample sizes must be 0 (all) or positive, got train "
                    + trainSize + " and test " + testSize + ".");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("The learning rate must be finite and positive, got " + learningRate + ".");
        }
        if (redraws < 0) {
            throw new IllegalArgumentException("redraws must be 0 (the reference's one draw per row) or positive, got "
                    + redraws + ".");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("The batch size must be positive, got " + batchSize + ".");
        }
    }

    /** @return eps 0.01, c 3 (n = 21), h = 500, 3 epochs of Adam 1e-3 with batch 64 on all 60,000 images, seed 2020 */
    public static PensiaExp1Spec defaults() {
        return new PensiaExp1Spec(2020, 0.01, PensiaDirect.DEFAULT_C, 500, 3, 0, 0, 1e-3, 64, "", 0);
    }

    /** @return n = c round(log2(1/eps)), the candidates per row */
    public int n() {
        return PensiaDirect.candidatesFor(eps, c);
    }
}
