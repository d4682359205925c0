package dev.jackpot.nn.model;

import java.util.Arrays;

/**
 * One parameter of a network: its stable name, shape (PyTorch conventions: Linear {@code [out, in]},
 * Conv {@code [out, in, kh, kw]}), kind, and the fan-in and fan-out used by the initialisers
 * ({@code in * kh * kw} and {@code out * kh * kw} for a conv).
 *
 * @param name   stable name, e.g. {@code "fc1.weight"}
 * @param shape  dimensions
 * @param kind   what it is
 * @param fanIn  inputs per output unit (1 for biases and batch-norm)
 * @param fanOut outputs per input unit (1 for biases and batch-norm)
 */
public record ParameterSpec(String name, int[] shape, ParameterKind kind, int fanIn, int fanOut) {

    public ParameterSpec {
        shape = shape.clone();
    }

    /** @return whether it is prunable */
    public boolean prunable() {
        return kind.prunable();
    }

    /** @return the number of elements */
    public int size() {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSpec p && name.equals(p.name) && Arrays.equals(shape, p.shape) && kind == p.kind
                && fanIn == p.fanIn && fanOut == p.fanOut;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " " + kind;
    }
}
