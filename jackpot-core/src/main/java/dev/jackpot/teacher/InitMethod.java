package dev.jackpot.teacher;

/** How Algorithm 1's starting point W(0) is chosen. */
public enum InitMethod {
    /**
     * W(0) = W* + lambda ||W*||_F D / ||D||_F with D a standard Gaussian matrix on the learner's
     * mask, then projected onto the mask: the "initial distance" of the paper's section 4. For an
     * accurate mask the relative distance ||W(0) - W*||_F / ||W*||_F is exactly lambda.
     */
    LAMBDA,
    /** The tensor initialisation of Zhong et al. (2017) adapted to the pruned network (Lemma 1). */
    TENSOR
}
