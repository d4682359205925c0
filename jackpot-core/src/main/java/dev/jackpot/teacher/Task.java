package dev.jackpot.teacher;

/**
 * What the teacher's output means and which loss the learner minimises.
 */
public enum Task {
    /**
     * y = g(x; W*) + xi with Gaussian xi; the learner minimises the squared loss of eq. (2),
     * f(W) = (1/2N) sum_n (g(x_n; W) - y_n)^2.
     */
    REGRESSION,
    /**
     * Binary labels with P(y = 1 | x) = g(x; W*) (footnote 1 of Zhang et al. 2021), g clipped to
     * [0, 1]; the learner minimises the cross-entropy -(1/N) sum_n [y log g + (1 - y) log(1 - g)],
     * with g clipped to [1e-6, 1 - 1e-6] inside the logarithms.
     */
    BINARY
}
