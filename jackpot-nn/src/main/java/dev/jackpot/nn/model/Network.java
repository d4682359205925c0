package dev.jackpot.nn.model;

import ai.djl.ndarray.NDArray;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A classification network as a pure function of named parameters: {@code logits = f(params, x)}
 * with x of shape {@code [B, C, H, W]} and logits of shape {@code [B, classes]}.
 *
 * <p>Implementations are immutable and hold no arrays: parameters live in {@link Parameters} (or
 * any map), so a trainer can substitute the masked weights {@code W * M} for {@code W} in the
 * forward pass, which makes the gradient with respect to W exactly zero at pruned entries.
 */
public interface Network {

    /** @return the architecture's name, e.g. {@code "lenet-300-100"} */
    String name();

    /** @return the input shape {@code [C, H, W]} */
    int[] inputShape();

    /** @return the number of classes */
    int classes();

    /** @return every parameter and buffer, in the fixed order of {@link #toString()} and of saved files */
    List<ParameterSpec> parameters();

    /**
     * Computes logits.
     *
     * @param params   an array for every name in {@link #parameters()}; weights may be masked
     * @param input    {@code [B, C, H, W]}
     * @param training training mode: batch-norm uses batch statistics and updates its running buffers
     *                 in place; otherwise it uses the running buffers
     * @return logits {@code [B, classes]}
     */
    NDArray forward(Map<String, NDArray> params, NDArray input, boolean training);

    /** @return multiply-accumulates of one dense forward pass for one example (a backward pass costs about twice this) */
    long forwardMacs();

    /**
     * Multiply-adds of one training example on the dense engine: the forward pass, the weight
     * gradients and the input gradients; by default {@code 3 * forwardMacs()} (it counts an input
     * gradient for the first layer, which libtorch skips).
     *
     * @return the count
     */
    default long trainingMacsPerExample() {
        return 3 * forwardMacs();
    }


    /** @return the names of the prunable parameters, in order */
    default List<String> prunableNames() {
        return parameters().stream().filter(ParameterSpec::prunable).map(ParameterSpec::name).toList();
    }

    /** @return the number of prunable weights */
    default long prunableCount() {
        return parameters().stream().filter(ParameterSpec::prunable).mapToLong(ParameterSpec::size).sum();
    }

    /** @return the number of trainable values (weights, biases, batch-norm scales and shifts; not running statistics) */
    default long trainableCount() {
        return parameters().stream().filter(s -> s.kind().trainable()).mapToLong(ParameterSpec::size).sum();
    }

    /**
     * Checks that {@code weights} holds exactly this network's parameters, in order, with the right shapes.
     *
     * @param weights the weights
     * @throws IllegalArgumentException naming the first difference
     */
    default void checkWeights(TensorSet weights) {
        List<ParameterSpec> specs = parameters();
        List<String> names = weights.names();
        List<String> expected = specs.stream().map(ParameterSpec::name).toList();
        if (!names.equals(expected)) {
            throw new IllegalArgumentException("The weights do not match network " + name() + ": expected tensors "
                    + expected + " in this order, got " + names + ".");
        }
        for (ParameterSpec p : specs) {
            NamedTensor t = weights.get(p.name());
            if (!Arrays.equals(t.shape(), p.shape())) {
                throw new IllegalArgumentException("Tensor " + p.name() + " has shape " + Arrays.toString(t.shape())
                        + " but network " + name() + " needs " + Arrays.toString(p.shape()) + ".");
            }
        }
    }

    /**
     * Checks a mask set: every tensor names a prunable parameter, has its shape, and holds only exact
     * 0 and 1 values. Prunable parameters without a mask are dense.
     *
     * @param masks the masks
     * @throws IllegalArgumentException naming the first problem
     */
    default void checkMasks(TensorSet masks) {
        Map<String, ParameterSpec> byName = new java.util.HashMap<>();
        for (ParameterSpec p : parameters()) {
            byName.put(p.name(), p);
        }
        for (NamedTensor m : masks) {
            ParameterSpec p = byName.get(m.name());
            if (p == null || !p.prunable()) {
                throw new IllegalArgumentException("Mask " + m.name() + " names no prunable parameter of network "
                        + name() + "; prunable are " + prunableNames() + ".");
            }
            if (!Arrays.equals(m.shape(), p.shape())) {
                throw new IllegalArgumentException("Mask " + m.name() + " has shape " + Arrays.toString(m.shape())
                        + " but the parameter has " + Arrays.toString(p.shape()) + ".");
            }
            float[] v = m.values();
            for (int i = 0; i < v.length; i++) {
                if (Float.floatToRawIntBits(v[i]) != 0 && v[i] != 1f) {
                    throw new IllegalArgumentException("Mask " + m.name() + " holds " + v[i] + " at flat index " + i
                            + "; a mask holds exactly 0 or 1.");
                }
            }
        }
    }
}
