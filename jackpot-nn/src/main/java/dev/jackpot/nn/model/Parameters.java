package dev.jackpot.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's parameters as engine arrays, in the network's order; the mutable training state
 * (weights are updated in place). Conversion to and from {@link TensorSet} copies float values
 * exactly, so {@code Parameters.of(m, net, w).toTensorSet()} is bit-identical to {@code w}.
 */
public final class Parameters implements AutoCloseable {

    private final Network network;
    private final Map<String, NDArray> arrays;

    private Parameters(Network network, Map<String, NDArray> arrays) {
        this.network = network;
        this.arrays = arrays;
    }

    /**
     * Copies {@code weights} into new arrays owned by {@code manager}.
     *
     * @param manager the manager that owns the arrays
     * @param network the network
     * @param weights every parameter of the network, in order
     * @return the parameters
     * @throws IllegalArgumentException if the names, order or shapes differ from the network's
     */
    public static Parameters of(NDManager manager, Network network, TensorSet weights) {
        network.checkWeights(weights);
        Map<String, NDArray> map = new LinkedHashMap<>();
        for (NamedTensor t : weights) {
            map.put(t.name(), toArray(manager, t));
        }
        return new Parameters(network, map);
    }

    /**
     * @return a new array holding a copy of the tensor's values with its shape
     */
    public static NDArray toArray(NDManager manager, NamedTensor t) {
        long[] shape = new long[t.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.shape()[i];
        }
        return manager.create(t.values(), new Shape(shape));
    }

    /** @return the network */
    public Network network() {
        return network;
    }

    /** @return the array of parameter {@code name} */
    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("Network " + network.name() + " has no parameter " + name + ".");
        }
        return a;
    }

    /** @return a read-only view name -> array, in order */
    public Map<String, NDArray> asMap() {
        return Collections.unmodifiableMap(arrays);
    }

    /** @return a copy of every parameter as a tensor set, in the network's order */
    public TensorSet toTensorSet() {
        List<NamedTensor> out = new ArrayList<>(arrays.size());
        for (ParameterSpec p : network.parameters()) {
            out.add(new NamedTensor(p.name(), p.shape(), arrays.get(p.name()).toFloatArray()));
        }
        return TensorSet.of(out);
    }

    /**
     * Overwrites every array with {@code weights} (e.g. to rewind).
     *
     * @param weights every parameter, in order
     */
    public void load(TensorSet weights) {
        network.checkWeights(weights);
        for (NamedTensor t : weights) {
            NDArray a = arrays.get(t.name());
            a.set(t.values());
        }
    }

    @Override
    public void close() {
        for (NDArray a : arrays.values()) {
            a.close();
        }
    }
}
