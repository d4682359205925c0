package dev.jackpot.strong;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Objects;

/**
 * What {@code jackpot subset-sum} solved, as hashed into its run id: either the candidates given
 * ({@code values}) or how they were drawn ({@code random} candidates uniform in [-1, 1] from the
 * stream {@code Seeds.stream(seed, "subset-sum")}), the target, the per-candidate perturbation eps
 * (Xiong et al., AISTATS 2023), the solver's name and the grid step the user asked for. Absent
 * fields are left out of the YAML and of the hash.
 *
 * @param values   the candidates, or null when drawn
 * @param random   the number of candidates drawn, or null when given
 * @param seed     the root seed of the draw, or null when given
 * @param target   the target z, finite
 * @param eps      the perturbation per chosen candidate, at least 0
 * @param solver   the solver's command-line name, e.g. {@code auto}, {@code exact}, {@code grid}
 * @param gridStep the grid step requested, or null for the solver's default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubsetSumRunSpec(List<Double> values, Integer random, Long seed, double target, double eps, String solver,
                               Double gridStep) {

    /**
     * @throws IllegalArgumentException naming the value when both or neither of values and random are
     *                                  given, a seed comes with given values, a count is negative, or
     *                                  the target or eps is not finite
     */
    public SubsetSumRunSpec {
        Objects.requireNonNull(solver, "solver");
        if ((values == null) == (random == null)) {
            throw new IllegalArgumentException("A subset-sum spec needs exactly one of values and random, got values "
                    + values + " and random " + random + ".");
        }
        if (values != null) {
            values = List.copyOf(values);
            if (seed != null) {
                throw new IllegalArgumentException("A seed applies only to drawn candidates, got seed " + seed
                        + " with given values.");
            }
        } else {
            if (random < 0) {
                throw new IllegalArgumentException("The number of drawn candidates must be non-negative, got " + random
                        + ".");
            }
            Objects.requireNonNull(seed, "seed");
        }
        if (!Double.isFinite(target)) {
            throw new IllegalArgumentException("The target must be finite, got " + target + ".");
        }
        if (!(eps >= 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and at least 0, got " + eps + ".");
        }
    }

    /**
     * A lower bound on the bytes a solve holds: the candidates and their sorted copy and index, four
     * 8-byte words per candidate (a solver's tables come on top and are checked by the solver).
     *
     * @param candidates n, the number of candidates
     * @return the estimate in bytes
     */
    public static double estimatedBytes(long candidates) {
        return 32.0 * candidates;
    }
}
