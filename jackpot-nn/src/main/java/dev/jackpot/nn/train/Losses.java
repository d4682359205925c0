package dev.jackpot.nn.train;

import ai.djl.ndarray.NDArray;

/** The classification loss. */
final class Losses {

    private Losses() {
    }

    /**
     * Summed softmax cross-entropy {@code -sum_i log softmax(z_i)[y_i]}.
     *
     * @param logits  {@code [B, K]}
     * @param labels  {@code [B]} integer labels
     * @param classes K
     * @return a scalar
     */
    static NDArray crossEntropySum(NDArray logits, NDArray labels, int classes) {
        NDArray logp = logits.logSoftmax(1);
        return logp.mul(labels.oneHot(classes)).sum().neg();
    }
}
