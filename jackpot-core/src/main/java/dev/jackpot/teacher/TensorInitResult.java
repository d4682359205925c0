package dev.jackpot.teacher;

/**
 * Output of the tensor initialisation ({@link TensorInitialiser}).
 *
 * @param weights     W(0), K x d, zero outside the learner's mask; row j is the estimate assigned to
 *                    mask column j
 * @param eigenvalues the K eigenvalues of P2 (on the support union) used for whitening, descending,
 *                    as computed, i.e. before any clamping
 * @param clamped     whether any of them was below the whitening floor (non-positive or negligible
 *                    against the largest) and was raised to it; the whitened tensor is then not
 *                    orthogonally decomposable and W(0) is unreliable
 */
public record TensorInitResult(double[][] weights, double[] eigenvalues, boolean clamped) {
}
