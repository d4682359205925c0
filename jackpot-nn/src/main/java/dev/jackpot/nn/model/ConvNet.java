package dev.jackpot.nn.model;

import ai.djl.ndarray.NDArray;

import java.util.Map;

/**
 * The Conv-2, Conv-4 and Conv-6 networks of Frankle and Carbin, "The Lottery Ticket Hypothesis"
 * (ICLR 2019, Figure 2), scaled-down VGG nets: {@code stages} pairs of 3x3 convs (padding 1, with
 * bias, ReLU) of widths 64, 128, 256, each pair followed by 2x2 max-pool; then fc1 (-> 256), fc2
 * (256 -> 256), fc3 (256 -> classes), ReLU between. Layers are named {@code conv1 .. conv(2 stages)},
 * {@code fc1 .. fc3}. On CIFAR-10, Conv-2 has 4.3 M weights, Conv-4 2.4 M (as the paper lists) and Conv-6 2.26 M (the paper lists 1.7 M, which its layer list does not give).
 */
public final class ConvNet extends AbstractNetwork {

    private static final int[] WIDTHS = {64, 128, 256};

    private final int convs;

    /**
     * @param stages  1, 2 or 3 (Conv-2, Conv-4, Conv-6)
     * @param input   {@code [C, H, W]}
     * @param classes output classes
     */
    public ConvNet(int stages, int[] input, int classes) {
        super("conv-" + (2 * stages), input, classes);
        if (stages < 1 || stages > 3) {
            throw new IllegalArgumentException("Conv-2/4/6 have 1 to 3 stages, got " + stages + ".");
        }
        int c = input[0];
        int h = input[1];
        int w = input[2];
        int k = 0;
        for (int s = 0; s < stages; s++) {
            int width = WIDTHS[s];
            declareConv("conv" + (++k), c, width, 3, true, h, w);
            declareConv("conv" + (++k), width, width, 3, true, h, w);
            c = width;
            h /= 2;
            w /= 2;
            if (h < 1 || w < 1) {
                throw new IllegalArgumentException(name() + " pools " + stages + " times and needs inputs of at least "
                        + (1 << stages) + " x " + (1 << stages) + ", got " + input[1] + " x " + input[2] + ".");
            }
        }
        this.convs = k;
        declareLinear("fc1", c * h * w, 256);
        declareLinear("fc2", 256, 256);
        declareLinear("fc3", 256, classes);
    }

    @Override
    public NDArray forward(Map<String, NDArray> p, NDArray x, boolean training) {
        NDArray h = x;
        for (int k = 1; k <= convs; k++) {
            h = Layers.relu(Layers.conv(h, p.get("conv" + k + ".weight"), p.get("conv" + k + ".bias"), 1, 1));
            if (k % 2 == 0) {
                h = Layers.maxPool2(h);
            }
        }
        h = Layers.flatten(h);
        h = Layers.relu(Layers.linear(h, p.get("fc1.weight"), p.get("fc1.bias")));
        h = Layers.relu(Layers.linear(h, p.get("fc2.weight"), p.get("fc2.bias")));
        return Layers.linear(h, p.get("fc3.weight"), p.get("fc3.bias"));
    }
}
