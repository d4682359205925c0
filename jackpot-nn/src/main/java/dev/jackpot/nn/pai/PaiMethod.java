package dev.jackpot.nn.pai;

import java.util.Arrays;
import java.util.Locale;

/** The pruning-at-initialisation methods (weak-lth.md section 5) and the two baselines. */
public enum PaiMethod {
    /** Connection sensitivity {@code |g ⊙ w|} on one minibatch (Lee et al., ICLR 2019). */
    SNIP,
    /** Gradient signal preservation {@code −w ⊙ Hg}, highest removed (Wang et al., ICLR 2020). */
    GRASP,
    /** Iterative synaptic flow {@code |w ⊙ ∂R/∂w|}, data-free (Tanaka et al., NeurIPS 2020). */
    SYNFLOW,
    /** Keep the largest {@code |w|} of the initialisation. */
    MAGNITUDE,
    /** Keep a uniformly random subset. */
    RANDOM;

    /** @return whether the method reads training examples */
    public boolean needsData() {
        return this == SNIP || this == GRASP;
    }

    /**
     * @param name e.g. {@code "snip"} or {@code "SynFlow"}
     * @return the method
     * @throws IllegalArgumentException naming the known methods
     */
    public static PaiMethod parse(String name) {
        for (PaiMethod m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown pruning-at-initialisation method '" + name + "'; known: "
                + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList() + ".");
    }
}
