package dev.jackpot.nn.model;

import ai.djl.ndarray.NDArray;

import java.util.Arrays;
import java.util.Map;

/**
 * A fully connected ReLU network on flattened images: {@code h_0 = flatten(x)},
 * {@code h_l = relu(h_(l-1) W_l^T + b_l)}, logits {@code = h_(L-1) W_L^T + b_L}; layers
 * {@code fc1 .. fcL}. LeNet-300-100 (LeCun et al. 1998; Frankle and Carbin, ICLR 2019) is hidden
 * widths {300, 100} on 784 inputs: 266,200 weights (235,200 + 30,000 + 1,000).
 *
 * <p>Without biases ({@code bias = false}) every layer is {@code h W^T} and the network has only the
 * weight tensors: the bias-free 784-500-10 target of Pensia et al.'s experiment 1 (NeurIPS 2020).
 */
public final class Mlp extends AbstractNetwork {

    private final int layers;

    /**
     * @param name    architecture name
     * @param input   {@code [C, H, W]}
     * @param hidden  hidden widths, each positive
     * @param classes output classes
     */
    public Mlp(String name, int[] input, int[] hidden, int classes) {
        this(name, input, hidden, classes, true);
    }

    /**
     * @param name    architecture name
     * @param input   {@code [C, H, W]}
     * @param hidden  hidden widths, each positive
     * @param classes output classes
     * @param bias    whether each layer has a bias vector
     */
    public Mlp(String name, int[] input, int[] hidden, int classes, boolean bias) {
        super(name, input, classes);
        int in = input[0] * input[1] * input[2];
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i] < 1) {
                throw new IllegalArgumentException("Hidden widths must be positive, got " + Arrays.toString(hidden) + ".");
            }
            declareLinear("fc" + (i + 1), in, hidden[i], bias);
            in = hidden[i];
        }
        declareLinear("fc" + (hidden.length + 1), in, classes, bias);
        this.layers = hidden.length + 1;
    }

    /** Exact: {@code 2 O I} for the first layer (no input gradient), {@code 3 O I} for the others. */
    @Override
    public long trainingMacsPerExample() {
        long macs = 0;
        for (ParameterSpec p : parameters()) {
            if (p.prunable()) {
                macs += (p.name().equals("fc1.weight") ? 2L : 3L) * p.size();
            }
        }
        return macs;
    }

    @Override
    public NDArray forward(Map<String, NDArray> p, NDArray input, boolean training) {
        NDArray h = Layers.flatten(input);
        for (int l = 1; l <= layers; l++) {
            h = Layers.linear(h, p.get("fc" + l + ".weight"), p.get("fc" + l + ".bias"));
            if (l < layers) {
                h = Layers.relu(h);
            }
        }
        return h;
    }
}
