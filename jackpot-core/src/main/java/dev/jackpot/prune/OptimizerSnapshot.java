package dev.jackpot.prune;

import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An engine-neutral copy of an optimiser's state: the number of updates applied (Adam's bias
 * correction depends on it) and its buffers, each named {@code <kind>/<parameter>} (e.g.
 * {@code momentum/fc1.weight}, {@code adam.m/fc1.weight}, {@code adam.v/fc1.weight}) with the
 * parameter's shape. An absent buffer is zero; {@link #fresh()} is a new optimiser.
 *
 * @param updates updates applied so far, non-negative
 * @param buffers the buffers
 */
public record OptimizerSnapshot(long updates, TensorSet buffers) {

    /**
     * @throws IllegalArgumentException if the count is negative or a buffer name has no {@code /}
     */
    public OptimizerSnapshot {
        Objects.requireNonNull(buffers, "buffers");
        if (updates < 0) {
            throw new IllegalArgumentException("The optimiser's update count must be non-negative, got " + updates + ".");
        }
        for (String n : buffers.names()) {
            if (n.indexOf('/') <= 0) {
                throw new IllegalArgumentException("Optimiser buffer names have the form <kind>/<parameter>, got '"
                        + n + "'.");
            }
        }
    }

    /** @return a new optimiser: no updates, no buffers */
    public static OptimizerSnapshot fresh() {
        return new OptimizerSnapshot(0, TensorSet.of(List.of()));
    }

    /** @return whether this is a new optimiser's state */
    public boolean isFresh() {
        return updates == 0 && buffers.size() == 0;
    }

    /** @return the parameter a buffer belongs to: the part of its name after the first {@code /} */
    public static String parameterOf(String bufferName) {
        return bufferName.substring(bufferName.indexOf('/') + 1);
    }

    /**
     * @param masks exact 0/1 masks keyed by parameter name
     * @return this state with every buffer entry whose parameter's mask is 0 set to +0.0 (never -0.0);
     *         buffers of unmasked parameters are copied unchanged
     * @throws IllegalArgumentException if a buffer's shape differs from its parameter's mask
     */
    public OptimizerSnapshot masked(TensorSet masks) {
        List<NamedTensor> out = new ArrayList<>();
        for (NamedTensor b : buffers) {
            String p = parameterOf(b.name());
            float[] v = b.values().clone();
            if (masks.contains(p)) {
                NamedTensor m = masks.get(p);
                if (m.size() != b.size()) {
                    throw new IllegalArgumentException("Optimiser buffer " + b.name() + " has " + b.size()
                            + " entries but the mask of " + p + " has " + m.size() + ".");
                }
                float[] mv = m.values();
                for (int i = 0; i < v.length; i++) {
                    if (mv[i] == 0f) {
                        v[i] = 0f;
                    }
                }
            }
            out.add(new NamedTensor(b.name(), b.shape().clone(), v));
        }
        return new OptimizerSnapshot(updates, TensorSet.of(out));
    }
}
