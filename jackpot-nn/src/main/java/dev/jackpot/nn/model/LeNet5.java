package dev.jackpot.nn.model;

import ai.djl.ndarray.NDArray;

import java.util.Map;

/**
 * LeNet-5 (LeCun et al., 1998) in its common modern form: conv1 5x5 (C -> 6, padding 2), ReLU,
 * 2x2 max-pool; conv2 5x5 (6 -> 16), ReLU, 2x2 max-pool; fc1 (16 x 5 x 5 -> 120), ReLU;
 * fc2 (120 -> 84), ReLU; fc3 (84 -> classes). On 28 x 28 inputs: 61,470 weights, about 0.42 M MACs
 * per image.
 */
public final class LeNet5 extends AbstractNetwork {

    /**
     * @param input   {@code [C, H, W]}, H and W at least 12
     * @param classes output classes
     */
    public LeNet5(int[] input, int classes) {
        super("lenet-5", input, classes);
        int h = input[1];
        int w = input[2];
        declareConv("conv1", input[0], 6, 5, true, h, w);
        h /= 2;
        w /= 2;
        if (h < 5 || w < 5) {
            throw new IllegalArgumentException("LeNet-5 needs inputs of at least 10 x 10, got " + input[1] + " x " + input[2] + ".");
        }
        declareConv("conv2", 6, 16, 5, true, h - 4, w - 4);
        h = (h - 4) / 2;
        w = (w - 4) / 2;
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("LeNet-5 needs inputs of at least 12 x 12, got " + input[1] + " x " + input[2] + ".");
        }
        declareLinear("fc1", 16 * h * w, 120);
        declareLinear("fc2", 120, 84);
        declareLinear("fc3", 84, classes);
    }

    @Override
    public NDArray forward(Map<String, NDArray> p, NDArray x, boolean training) {
        NDArray h = Layers.maxPool2(Layers.relu(Layers.conv(x, p.get("conv1.weight"), p.get("conv1.bias"), 1, 2)));
        h = Layers.maxPool2(Layers.relu(Layers.conv(h, p.get("conv2.weight"), p.get("conv2.bias"), 1, 0)));
        h = Layers.flatten(h);
        h = Layers.relu(Layers.linear(h, p.get("fc1.weight"), p.get("fc1.bias")));
        h = Layers.relu(Layers.linear(h, p.get("fc2.weight"), p.get("fc2.bias")));
        return Layers.linear(h, p.get("fc3.weight"), p.get("fc3.bias"));
    }
}
