package dev.jackpot.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;

import java.util.Objects;

/**
 * A claim of the paper checked against this run's results, e.g. "the success rate rises from 0 to
 * 1 as N grows past a threshold proportional to r" tested by a rank correlation.
 *
 * <p>A claim is <b>reproduced</b> or <b>not reproduced</b> when the run decides it, <b>inconclusive</b> when
 * the run meets its conditions but its replicates do not decide it (the detail says how many would),
 * and <b>not tested</b> when the run does not meet its conditions (e.g. no level near the density the
 * claim is about): never "reproduced" by default.
 *
 * @param figure    the figure (or section) of the paper the claim comes from, e.g. {@code Fig. 2}
 * @param claim     the claim, one sentence
 * @param status    what this run says of it
 * @param statistic the statistic that decided it, e.g. {@code Spearman rho of threshold against r}
 * @param value     the statistic's value (NaN when it could not be computed)
 * @param detail    how the decision was made: the threshold, the data used, caveats
 */
public record Claim(String figure, String claim, Status status, String statistic, double value, String detail) {

    /** What a run says of a claim. */
    public enum Status {
        /** The run reproduces it. */
        REPRODUCED("reproduced"),
        /** The run contradicts it. */
        NOT_REPRODUCED("NOT reproduced"),
        /** The run meets the claim's conditions but does not decide it. */
        INCONCLUSIVE("inconclusive"),
        /** The run does not meet the claim's conditions. */
        NOT_TESTED("not tested");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** @return the words reports print, e.g. {@code NOT reproduced} */
        public String label() {
            return label;
        }
    }

    /**
     * @throws NullPointerException if an argument is null
     */
    public Claim {
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * A claim the run decides either way.
     *
     * @param figure     the figure or section
     * @param claim      the claim
     * @param reproduced whether the run reproduces it
     * @param statistic  the deciding statistic
     * @param value      its value
     * @param detail     how it was decided
     */
    public Claim(String figure, String claim, boolean reproduced, String statistic, double value, String detail) {
        this(figure, claim, reproduced ? Status.REPRODUCED : Status.NOT_REPRODUCED, statistic, value, detail);
    }

    /** @return whether the run reproduces the claim */
    public boolean reproduced() {
        return status == Status.REPRODUCED;
    }

    /**
     * The claim as the JSON object the run commands list under {@code claims}: {@code source} (the
     * figure or source), {@code claim}, {@code reproduced}, {@code status} (the label of
     * {@link Status}), {@code statistic}, {@code value} and {@code detail}.
     *
     * @return a new object
     */
    public ObjectNode toJson() {
        ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("source", figure);
        o.put("claim", claim);
        o.put("reproduced", reproduced());
        o.put("status", status.label());
        o.put("statistic", statistic);
        o.put("value", value);
        o.put("detail", detail);
        return o;
    }
}
