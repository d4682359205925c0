package dev.jackpot.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;

import java.util.Objects;

/**
 * A claim of the paper checked against this run's results, e.g. "the success rate rises from 0 to
 * 1 as N grows past a threshold proportional to r" tested by a rank correlation.
 *
 * @param figure     the figure (or section) of the paper the claim comes from, e.g. {@code Fig. 2}
 * @param claim      the claim, one sentence
 * @param reproduced whether this run reproduces it
 * @param statistic  the statistic that decided it, e.g. {@code Spearman rho of threshold against r}
 * @param value      the statistic's value (NaN when it could not be computed)
 * @param detail     how the decision was made: the threshold, the data used, caveats
 */
public record Claim(String figure, String claim, boolean reproduced, String statistic, double value, String detail) {

    /**
     * @throws NullPointerException if a text argument is null
     */
    public Claim {
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * The claim as the JSON object the run commands list under {@code claims}: {@code source} (the
     * figure or source), {@code claim}, {@code reproduced}, {@code statistic} and {@code value}.
     *
     * @return a new object
     */
    public ObjectNode toJson() {
        ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("source", figure);
        o.put("claim", claim);
        o.put("reproduced", reproduced);
        o.put("statistic", statistic);
        o.put("value", value);
        return o;
    }
}
