package dev.jackpot.teacher;

import dev.jackpot.check.Checks;

import java.util.Objects;

/**
 * How W(0) is chosen.
 *
 * @param method        {@link InitMethod#LAMBDA} or {@link InitMethod#TENSOR}
 * @param lambda        relative initial distance for LAMBDA, and for the dense warm start that
 *                      score-based masks are computed from; non-negative
 * @param tensorSamples for TENSOR: number of fresh samples the moments are estimated from; 0 means
 *                      the training set itself
 */
public record InitSpec(InitMethod method, double lambda, int tensorSamples) {

    /** Default: lambda = 0.2 around W*. */
    public static final InitSpec DEFAULT = new InitSpec(InitMethod.LAMBDA, 0.2, 0);

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming the field and the value when one is out of range
     */
    public InitSpec {
        Objects.requireNonNull(method, "method");
        Checks.nonNegative("lambda", lambda);
        if (tensorSamples < 0) {
            throw new IllegalArgumentException("tensorSamples must be non-negative, got " + tensorSamples);
        }
    }

    /**
     * @param value the relative distance
     * @return a LAMBDA initialisation at that distance
     */
    public static InitSpec lambda(double value) {
        return new InitSpec(InitMethod.LAMBDA, value, 0);
    }
}
