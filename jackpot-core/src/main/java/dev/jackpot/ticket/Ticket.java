package dev.jackpot.ticket;

import dev.jackpot.prune.BranchResult;
import dev.jackpot.prune.Masks;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lottery ticket as one portable artefact (weak-lth.md section 9, requirement 6): the masks, the
 * initial weights θ0, the rewind weights the ticket is retrained from (M ⊙ θk; M ⊙ θ0 when k = 0),
 * the trained final weights, the spec that produced it (JSON) and free-form metadata.
 *
 * <p>Any weight group may be empty (a mask alone is a ticket too). Every mask must be exactly 0/1
 * and match the shape of its tensor in each non-empty weight group. Whether the final weights are
 * exactly zero under the mask is <em>not</em> enforced here, so a foreign file that breaks the
 * invariant can still be loaded and reported ({@link #maskedNonZeroFinal()}).
 *
 * <p>Files: {@link TicketFiles} writes NumPy {@code .npz} and safetensors; each tensor is stored as
 * {@code <group>/<name>} with group {@code mask}, {@code init}, {@code rewind} or {@code final}.
 *
 * @param masks          exact 0/1 masks, one per prunable tensor
 * @param initialWeights θ0, or empty
 * @param rewindWeights  the weights the ticket restarts from, or empty
 * @param finalWeights   the trained weights, or empty
 * @param specJson       the producing spec as JSON text ({@code "{}"} when unknown)
 * @param metadata       further string entries; keys must not start with {@code "jackpot."}
 */
public record Ticket(TensorSet masks, TensorSet initialWeights, TensorSet rewindWeights, TensorSet finalWeights,
                     String specJson, Map<String, String> metadata) {

    /** The tensor groups, in file order. */
    public static final List<String> GROUPS = List.of("mask", "init", "rewind", "final");

    /** Metadata keys with this prefix are reserved for the file formats. */
    public static final String RESERVED_PREFIX = "jackpot.";

    /**
     * @throws IllegalArgumentException if a mask is not 0/1 or does not match a weight group, or a
     *                                  metadata key is reserved
     */
    public Ticket {
        if (masks == null || initialWeights == null || rewindWeights == null || finalWeights == null
                || specJson == null || metadata == null) {
            throw new IllegalArgumentException("A ticket needs masks, three weight groups (possibly empty), a spec "
                    + "and metadata (possibly empty).");
        }
        Masks.validate(masks);
        for (TensorSet group : List.of(initialWeights, rewindWeights, finalWeights)) {
            if (group.size() > 0) {
                Masks.validateAgainst(masks, group);
            }
        }
        for (String key : metadata.keySet()) {
            if (key.startsWith(RESERVED_PREFIX)) {
                throw new IllegalArgumentException("Metadata key " + key + " is reserved; keys starting with "
                        + RESERVED_PREFIX + " belong to the file format.");
            }
        }
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * The ticket of one IMP branch.
     *
     * @param branch   the trained branch (its masks, start and final weights)
     * @param level0   level 0's main branch (its start weights are θ0)
     * @param specJson the spec, JSON
     * @param metadata further entries
     * @return the ticket
     */
    public static Ticket of(BranchResult branch, BranchResult level0, String specJson, Map<String, String> metadata) {
        return new Ticket(branch.masks(), level0.startWeights(), branch.startWeights(), branch.finalWeights(),
                specJson, metadata);
    }

    /** @return the group's tensors: "mask", "init", "rewind" or "final" */
    public TensorSet group(String name) {
        return switch (name) {
            case "mask" -> masks;
            case "init" -> initialWeights;
            case "rewind" -> rewindWeights;
            case "final" -> finalWeights;
            default -> throw new IllegalArgumentException("Unknown tensor group " + name + "; groups are " + GROUPS + ".");
        };
    }

    /** @return masked entries of the final weights that are not zero (0 when there are no final weights) */
    public long maskedNonZeroFinal() {
        return finalWeights.size() == 0 ? 0 : Masks.maskedNonZero(finalWeights, masks);
    }

    /** @return true when every group is bit-identical and spec and metadata are equal */
    public boolean sameAs(Ticket o) {
        for (String g : GROUPS) {
            if (!group(g).sameAs(o.group(g))) {
                return false;
            }
        }
        return specJson.equals(o.specJson) && metadata.equals(o.metadata);
    }

    static TensorSet set(List<NamedTensor> tensors) {
        return TensorSet.of(new ArrayList<>(tensors));
    }
}
