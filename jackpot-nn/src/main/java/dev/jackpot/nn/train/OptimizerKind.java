package dev.jackpot.nn.train;

/** The optimisers of the reference settings. */
public enum OptimizerKind {
    /**
     * Stochastic gradient descent with coupled L2 weight decay and optional heavy-ball or Nesterov
     * momentum, as PyTorch's {@code torch.optim.SGD}: {@code d = g + lambda W};
     * {@code b <- mu b + d}; {@code W <- W - lr (nesterov ? d + mu b : b)} ({@code b = d} when mu = 0).
     */
    SGD,
    /**
     * Adam (Kingma and Ba, ICLR 2015) with coupled L2 weight decay, as PyTorch's {@code torch.optim.Adam}:
     * {@code d = g + lambda W}; {@code m <- b1 m + (1 - b1) d}; {@code v <- b2 v + (1 - b2) d^2};
     * {@code W <- W - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}, t the number of updates.
     */
    ADAM
}
