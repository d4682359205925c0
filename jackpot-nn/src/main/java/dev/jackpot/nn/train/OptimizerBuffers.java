package dev.jackpot.nn.train;

import dev.jackpot.nn.model.ParameterSpec;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The names of a spec's optimiser buffers, as checkpoints store them: {@code momentum/P} for SGD
 * with momentum, {@code adam.m/P} and {@code adam.v/P} for Adam, none for plain SGD.
 */
final class OptimizerBuffers {

    private OptimizerBuffers() {
    }

    /** @return the buffer prefixes the spec's optimiser keeps per trainable parameter, in order */
    static List<String> prefixes(TrainSpec spec) {
        if (spec.optimizer() == OptimizerKind.ADAM) {
            return List.of("adam.m/", "adam.v/");
        }
        return spec.momentum() > 0 ? List.of("momentum/") : List.of();
    }

    /**
     * @param state     a checkpoint's buffers
     * @param spec      the spec they will be used with
     * @param trainable names of the trainable parameters
     * @throws IllegalArgumentException if a buffer belongs to no parameter or to another optimiser
     */
    static void checkNoStray(TensorSet state, TrainSpec spec, Set<String> trainable) {
        List<String> prefixes = prefixes(spec);
        Optional<String> stray = state.names().stream().filter(n -> {
            int slash = n.indexOf('/');
            return slash < 0 || !prefixes.contains(n.substring(0, slash + 1)) || !trainable.contains(n.substring(slash + 1));
        }).findFirst();
        if (stray.isPresent()) {
            throw new IllegalArgumentException("The optimiser state holds " + stray.get() + ", which the "
                    + spec.optimizer() + " optimiser of this spec (momentum " + spec.momentum() + ") does not use.");
        }
    }

    /**
     * @return the stored buffer {@code prefix + p}, checked against p's shape, or empty when absent (zero)
     * @throws IllegalArgumentException if its shape differs from the parameter's
     */
    static Optional<NamedTensor> stored(TensorSet state, String prefix, ParameterSpec p) {
        String name = prefix + p.name();
        if (!state.contains(name)) {
            return Optional.empty();
        }
        NamedTensor t = state.get(name);
        if (!Arrays.equals(t.shape(), p.shape())) {
            throw new IllegalArgumentException("Optimiser buffer " + name + " has shape " + Arrays.toString(t.shape())
                    + " but the parameter has " + Arrays.toString(p.shape()) + ".");
        }
        return Optional.of(t);
    }
}
