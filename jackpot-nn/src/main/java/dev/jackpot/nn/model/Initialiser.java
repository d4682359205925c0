package dev.jackpot.nn.model;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a network's initial weights in plain Java from Jackpot's seeded streams, one stream per
 * parameter: {@code Seeds.stream(seed, "init", ...)} keyed by the parameter's name, so adding a layer
 * never changes another layer's draw and the result does not depend on the engine, the device or the
 * thread count. Values are drawn in double and rounded once to float, in row-major order.
 */
public final class Initialiser {

    /** The stream name; the parameter's name is appended, e.g. {@code "init/fc1.weight"}. */
    public static final String STREAM = "init/";

    private Initialiser() {
    }

    /**
     * @param network the network
     * @param seed    the seed of the initialisation (derive it by name from the run's root seed)
     * @param scheme  the weight distribution
     * @return the initial weights, in the network's parameter order
     */
    public static TensorSet initialise(Network network, long seed, InitScheme scheme) {
        List<NamedTensor> out = new ArrayList<>();
        for (ParameterSpec p : network.parameters()) {
            float[] v = new float[p.size()];
            Rng rng = Seeds.stream(seed, STREAM + p.name());
            switch (p.kind()) {
                case WEIGHT -> {
                    double std = scheme == InitScheme.KAIMING_NORMAL
                            ? Math.sqrt(2.0 / p.fanIn())
                            : Math.sqrt(2.0 / (p.fanIn() + p.fanOut()));
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (std * rng.nextGaussian());
                    }
                }
                case NORM_SCALE -> {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = scheme == InitScheme.KAIMING_NORMAL ? (float) rng.nextDouble() : 1f;
                    }
                }
                case RUNNING_VAR -> java.util.Arrays.fill(v, 1f);
                case BIAS, NORM_SHIFT, RUNNING_MEAN -> {
                    // zeros
                }
                default -> throw new IllegalStateException("unhandled kind " + p.kind());
            }
            out.add(new NamedTensor(p.name(), p.shape(), v));
        }
        return TensorSet.of(out);
    }
}
