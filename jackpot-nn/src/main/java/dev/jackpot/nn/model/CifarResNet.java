package dev.jackpot.nn.model;

import ai.djl.ndarray.NDArray;

import java.util.Map;

/**
 * The CIFAR ResNets of He et al., "Deep Residual Learning for Image Recognition" (CVPR 2016, section
 * 4.2), as OpenLTH's {@code cifar_resnet_D}: depth D = 6n + 2; a 3x3 conv (C -> 16, no bias) with
 * batch norm and ReLU; three stages of n basic blocks with 16, 32, 64 channels (the first block of
 * stages 2 and 3 has stride 2); global average pooling; fc (64 -> classes). A block computes
 * {@code relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))}, the shortcut being the identity or,
 * where the shape changes, a 1x1 conv with stride 2 and batch norm. ResNet-20 (n = 3) has 0.27 M
 * parameters and about 41 M MACs per 32 x 32 image.
 *
 * <p>Names: {@code conv}, {@code bn}, {@code stage<s>.block<b>.conv1|bn1|conv2|bn2},
 * {@code stage<s>.block<b>.shortcut.conv|bn}, {@code fc}.
 */
public final class CifarResNet extends AbstractNetwork {

    private static final int[] WIDTHS = {16, 32, 64};

    private final int blocks;
    private final boolean channelsLast;

    /**
     * A network whose activations are stored channels last on a CPU ({@link Layers#channelsLast}): the same
     * values as the NCHW layout to rounding, in a fifth less time, since libtorch's batch norm vectorises its
     * channels-last statistics and backward where its NCHW ones are scalar loops, and oneDNN's NHWC convolutions
     * need no reorders.
     *
     * @param depth   6n + 2, at least 8 (20 for ResNet-20)
     * @param input   {@code [C, H, W]}
     * @param classes output classes
     */
    public CifarResNet(int depth, int[] input, int classes) {
        this(depth, input, classes, true);
    }

    /** @param channelsLast whether the activations are stored channels last (false: NCHW, for comparison) */
    CifarResNet(int depth, int[] input, int classes, boolean channelsLast) {
        super("resnet-" + depth, input, classes);
        this.channelsLast = channelsLast;
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("A CIFAR ResNet's depth must be 6n + 2 with n >= 1, got " + depth + ".");
        }
        this.blocks = (depth - 2) / 6;
        int h = input[1];
        int w = input[2];
        declareConv("conv", input[0], 16, 3, false, h, w);
        declareBatchNorm("bn", 16);
        int in = 16;
        for (int s = 0; s < 3; s++) {
            int out = WIDTHS[s];
            for (int b = 0; b < blocks; b++) {
                int stride = (s > 0 && b == 0) ? 2 : 1;
                int oh = (h - 1) / stride + 1;
                int ow = (w - 1) / stride + 1;
                String pre = "stage" + (s + 1) + ".block" + b;
                declareConv(pre + ".conv1", in, out, 3, false, oh, ow);
                declareBatchNorm(pre + ".bn1", out);
                declareConv(pre + ".conv2", out, out, 3, false, oh, ow);
                declareBatchNorm(pre + ".bn2", out);
                if (stride != 1 || in != out) {
                    declareConv(pre + ".shortcut.conv", in, out, 1, false, oh, ow);
                    declareBatchNorm(pre + ".shortcut.bn", out);
                }
                in = out;
                h = oh;
                w = ow;
            }
        }
        declareLinear("fc", 64, classes);
    }

    @Override
    public NDArray forward(Map<String, NDArray> p, NDArray x, boolean training) {
        // not measured on a GPU, where cuDNN's NCHW kernels are the default
        NDArray in0 = channelsLast && !x.getDevice().isGpu() ? Layers.channelsLast(x) : x;
        NDArray h = Layers.relu(bn(p, "bn", Layers.conv(in0, p.get("conv.weight"), null, 1, 1), training));
        int in = 16;
        for (int s = 0; s < 3; s++) {
            int out = WIDTHS[s];
            for (int b = 0; b < blocks; b++) {
                int stride = (s > 0 && b == 0) ? 2 : 1;
                String pre = "stage" + (s + 1) + ".block" + b;
                NDArray y = Layers.relu(bn(p, pre + ".bn1", Layers.conv(h, p.get(pre + ".conv1.weight"), null, stride, 1), training));
                y = bn(p, pre + ".bn2", Layers.conv(y, p.get(pre + ".conv2.weight"), null, 1, 1), training);
                NDArray shortcut = (stride != 1 || in != out)
                        ? bn(p, pre + ".shortcut.bn", Layers.conv(h, p.get(pre + ".shortcut.conv.weight"), null, stride, 0), training)
                        : h;
                h = Layers.relu(y.add(shortcut));
                in = out;
            }
        }
        return Layers.linear(Layers.globalAvgPool(h), p.get("fc.weight"), p.get("fc.bias"));
    }

    private static NDArray bn(Map<String, NDArray> p, String pre, NDArray x, boolean training) {
        return Layers.batchNorm(x, p.get(pre + ".weight"), p.get(pre + ".bias"), p.get(pre + ".running_mean"),
                p.get(pre + ".running_var"), training);
    }
}
