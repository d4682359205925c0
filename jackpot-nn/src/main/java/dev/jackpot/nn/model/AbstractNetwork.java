package dev.jackpot.nn.model;

import java.util.ArrayList;
import java.util.List;

/** Shared bookkeeping: the ordered parameter list, the input shape and the MAC count, built layer by layer. */
abstract class AbstractNetwork implements Network {

    private final String name;
    private final int[] input;
    private final int classes;
    private final List<ParameterSpec> params = new ArrayList<>();
    private long macs;

    AbstractNetwork(String name, int[] input, int classes) {
        if (input.length != 3 || input[0] < 1 || input[1] < 1 || input[2] < 1) {
            throw new IllegalArgumentException("The input shape must be [C, H, W] with positive sizes, got "
                    + java.util.Arrays.toString(input) + ".");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("A classifier needs at least 2 classes, got " + classes + ".");
        }
        this.name = name;
        this.input = input.clone();
        this.classes = classes;
    }

    /** Declares a linear layer {@code prefix.weight [out, in]}, {@code prefix.bias [out]}. */
    final void declareLinear(String prefix, int in, int out) {
        declareLinear(prefix, in, out, true);
    }

    /** Declares a linear layer {@code prefix.weight [out, in]} and, when {@code bias}, {@code prefix.bias [out]}. */
    final void declareLinear(String prefix, int in, int out, boolean bias) {
        params.add(new ParameterSpec(prefix + ".weight", new int[] {out, in}, ParameterKind.WEIGHT, in, out));
        if (bias) {
            params.add(new ParameterSpec(prefix + ".bias", new int[] {out}, ParameterKind.BIAS, 1, 1));
        }
        macs += (long) in * out;
    }

    /** Declares a k x k conv producing an {@code outH x outW} map; with or without bias. */
    final void declareConv(String prefix, int in, int out, int k, boolean bias, int outH, int outW) {
        params.add(new ParameterSpec(prefix + ".weight", new int[] {out, in, k, k}, ParameterKind.WEIGHT, in * k * k, out * k * k));
        if (bias) {
            params.add(new ParameterSpec(prefix + ".bias", new int[] {out}, ParameterKind.BIAS, 1, 1));
        }
        macs += (long) in * k * k * out * outH * outW;
    }

    /** Declares a batch norm over {@code channels}: scale, shift and the two running buffers. */
    final void declareBatchNorm(String prefix, int channels) {
        params.add(new ParameterSpec(prefix + ".weight", new int[] {channels}, ParameterKind.NORM_SCALE, 1, 1));
        params.add(new ParameterSpec(prefix + ".bias", new int[] {channels}, ParameterKind.NORM_SHIFT, 1, 1));
        params.add(new ParameterSpec(prefix + ".running_mean", new int[] {channels}, ParameterKind.RUNNING_MEAN, 1, 1));
        params.add(new ParameterSpec(prefix + ".running_var", new int[] {channels}, ParameterKind.RUNNING_VAR, 1, 1));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int[] inputShape() {
        return input.clone();
    }

    @Override
    public final int classes() {
        return classes;
    }

    @Override
    public final List<ParameterSpec> parameters() {
        return List.copyOf(params);
    }

    @Override
    public final long forwardMacs() {
        return macs;
    }

    @Override
    public String toString() {
        return name + " " + java.util.Arrays.toString(input) + " -> " + classes + " (" + params.size() + " tensors)";
    }
}
