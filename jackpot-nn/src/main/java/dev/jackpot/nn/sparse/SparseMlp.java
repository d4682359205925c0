package dev.jackpot.nn.sparse;

import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.ImageTransform;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.Mlp;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.model.ParameterSpec;
import dev.jackpot.nn.train.Evaluation;
import dev.jackpot.sparse.CsrPattern;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.List;

/**
 * A masked {@link Mlp} held as its kept weights only: layer l computes
 * {@code Z_l = (W_l * M_l) H_(l-1) + b_l}, {@code H_l = relu(Z_l)} (logits {@code Z_L}), with
 * {@code W_l * M_l} stored in the {@link CsrPattern} of {@code M_l}; the loss is the mean softmax
 * cross-entropy of the minibatch, as in {@link dev.jackpot.nn.train.MaskedTrainer}.
 *
 * <p>Backward pass (feature-major, n examples): {@code G_L = (softmax(Z_L) - onehot(y)) / n};
 * {@code dW_l = G_l H_(l-1)^T} on the kept entries only, {@code db_l = G_l 1};
 * {@code G_(l-1) = (W_l^T G_l) . [Z_(l-1) > 0]} (no input gradient for the first layer). A pruned
 * weight has no storage, so it is exactly zero in every product, gradient and optimiser buffer. Per
 * example this costs {@code 2 nnz} multiply-adds for the forward and weight-gradient products and
 * {@code nnz} of every layer but the first for the input gradients, against the dense
 * {@code 2 O I (+ O I)} per layer.
 *
 * <p>Results are bit-identical whatever the thread count (each output element is computed by one
 * thread in a fixed order); they agree with libtorch's dense kernels to float rounding. Not
 * thread-safe; close it to stop its worker threads.
 */
public final class SparseMlp implements AutoCloseable {

    /**
     * One trainable tensor: its kept values and their gradient after {@link #forwardBackward}.
     *
     * @param name    the parameter's name
     * @param shape   its dense shape
     * @param pattern kept positions of a weight matrix, or null for a (dense) bias vector
     * @param values  the kept values (pattern order), updated in place by the optimiser
     * @param grad    dL/d(values) of the last minibatch
     */
    public record Slot(String name, int[] shape, CsrPattern pattern, float[] values, float[] grad) {
    }

    private final Network network;
    private final int layers;
    private final int capacity;
    private final CsrPattern[] pattern;
    private final float[][] w;
    private final float[][] b;
    private final float[][] gw;
    private final float[][] gb;
    /** layer l's activations (l = 0: the input) */
    private final FeatureMajor[] act;
    /** dL/dZ of layer l */
    private final FeatureMajor[] grad;
    private final List<Slot> slots = new ArrayList<>();
    private final RowParallel parallel;
    private final int[] labels;
    /** the raw pixels of one minibatch, example by example (scratch of {@link #load}) */
    private final byte[] staging;
    private final SoftmaxCrossEntropy crossEntropy;

    /**
     * @param network  an {@link Mlp}
     * @param weights  its weights (masked entries are ignored)
     * @param masks    masks by weight name; a weight without one is kept whole
     * @param capacity the largest minibatch
     * @param threads  worker threads, at least 1 (does not change any result)
     * @throws IllegalArgumentException if the network is not an Mlp or a mask is not 0/1
     */
    public SparseMlp(Network network, TensorSet weights, TensorSet masks, int capacity, int threads) {
        if (!supports(network)) {
            throw new IllegalArgumentException("The sparse engine runs fully connected networks (Mlp), not " + network.name() + ".");
        }
        if (capacity < 1 || threads < 1) {
            throw new IllegalArgumentException("capacity and threads must be positive, got " + capacity + " and " + threads + ".");
        }
        this.network = network;
        this.capacity = capacity;
        List<ParameterSpec> specs = network.parameters();
        this.layers = (int) specs.stream().filter(ParameterSpec::prunable).count();
        this.pattern = new CsrPattern[layers + 1];
        this.w = new float[layers + 1][];
        this.b = new float[layers + 1][];
        this.gw = new float[layers + 1][];
        this.gb = new float[layers + 1][];
        this.act = new FeatureMajor[layers + 1];
        this.grad = new FeatureMajor[layers + 1];
        int in = network.inputShape()[0] * network.inputShape()[1] * network.inputShape()[2];
        act[0] = FeatureMajor.of(in, capacity);
        for (int l = 1; l <= layers; l++) {
            String wn = "fc" + l + ".weight";
            ParameterSpec ws = specs.stream().filter(s -> s.name().equals(wn)).findFirst().orElseThrow();
            int out = ws.shape()[0];
            float[] dense = weights.get(wn).values();
            pattern[l] = masks.contains(wn) ? CsrPattern.ofMask(masks.get(wn).values(), out, ws.shape()[1])
                    : CsrPattern.dense(out, ws.shape()[1]);
            w[l] = pattern[l].gather(dense);
            gw[l] = new float[w[l].length];
            act[l] = FeatureMajor.of(out, capacity);
            grad[l] = FeatureMajor.of(out, capacity);
        }
        for (ParameterSpec s : specs) {
            int l = Integer.parseInt(s.name().substring(2, s.name().indexOf('.')));
            if (s.prunable()) {
                slots.add(new Slot(s.name(), s.shape(), pattern[l], w[l], gw[l]));
            } else {
                b[l] = weights.get(s.name()).values().clone();
                gb[l] = new float[b[l].length];
                slots.add(new Slot(s.name(), s.shape(), null, b[l], gb[l]));
            }
        }
        this.parallel = new RowParallel(threads);
        this.labels = new int[capacity];
        this.staging = new byte[capacity * in];
        this.crossEntropy = new SoftmaxCrossEntropy(network.classes(), capacity);
    }

    /** @return whether the network is one this engine runs */
    public static boolean supports(Network network) {
        return network instanceof Mlp;
    }

    /** @return the trainable tensors in the network's parameter order */
    public List<Slot> slots() {
        return slots;
    }

    /** @return multiply-adds one training example costs: forward, weight gradients, input gradients of layers 2.. */
    public long trainingMacsPerExample() {
        long macs = 0;
        for (int l = 1; l <= layers; l++) {
            macs += (l == 1 ? 2L : 3L) * pattern[l].nnz();
        }
        return macs;
    }

    /**
     * Forward and backward pass on examples {@code order[lo, hi)}, filling every slot's gradient.
     *
     * @param transforms one per example, or null
     * @return the mean cross-entropy of the minibatch (gradients are not meaningful when it is not finite)
     */
    public double forwardBackward(ImageDataset data, Normalisation norm, int[] order, int lo, int hi,
                                  ImageTransform[] transforms) {
        int n = load(data, norm, order, lo, hi, transforms);
        forward(n);
        double loss = lossAndOutputGradient(n);
        for (int l = layers; l >= 1; l--) {
            CsrPattern p = pattern[l];
            FeatureMajor g = grad[l];
            FeatureMajor x = act[l - 1];
            float[] dw = gw[l];
            long work = (long) p.nnz() * n;
            parallel.run(p.rows(), work, (from, to) -> g.weightGradient(p, x, dw, n, from, to));
            if (gb[l] != null) {
                g.rowSums(gb[l], n);
            }
            if (l > 1) {
                float[] wl = w[l];
                FeatureMajor dx = grad[l - 1];
                parallel.run(p.cols(), work, (from, to) -> dx.inputGradient(p, wl, g, x, n, from, to));
            }
        }
        return loss;
    }

    /**
     * Loss and accuracy on a dataset, in batches of this engine's capacity.
     *
     * @return mean cross-entropy and the fraction of arg-max hits
     */
    public Evaluation evaluate(ImageDataset data, Normalisation norm) {
        int size = data.size();
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        double lossSum = 0;
        long correct = 0;
        int classes = network.classes();
        FeatureMajor z = act[layers];
        for (int lo = 0; lo < size; lo += capacity) {
            int hi = Math.min(size, lo + capacity);
            int n = load(data, norm, order, lo, hi, null);
            forward(n);
            for (int j = 0; j < n; j++) {
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (z.get(c, j) > z.get(best, j)) {
                        best = c;
                    }
                }
                if (best == labels[j]) {
                    correct++;
                }
            }
            lossSum = crossEntropy.accumulate(z, labels, n, null, lossSum);
        }
        return new Evaluation(lossSum / size, correct / (double) size);
    }

    /** @return the dense weights, +0.0 at every masked entry, in the network's order */
    public TensorSet weights() {
        List<NamedTensor> out = new ArrayList<>();
        for (Slot s : slots) {
            out.add(new NamedTensor(s.name(), s.shape(), s.pattern() == null ? s.values().clone() : s.pattern().scatter(s.values())));
        }
        return TensorSet.of(out);
    }

    private int load(ImageDataset data, Normalisation norm, int[] order, int lo, int hi, ImageTransform[] transforms) {
        int n = hi - lo;
        if (n > capacity) {
            throw new IllegalArgumentException("A minibatch of " + n + " exceeds the engine's capacity " + capacity + ".");
        }
        act[0].load(data, norm, order, lo, hi, transforms, staging);
        for (int j = 0; j < n; j++) {
            labels[j] = data.label(order[lo + j]);
        }
        return n;
    }

    private void forward(int n) {
        for (int l = 1; l <= layers; l++) {
            CsrPattern p = pattern[l];
            float[] wl = w[l];
            float[] bl = b[l];
            FeatureMajor x = act[l - 1];
            FeatureMajor z = act[l];
            boolean relu = l < layers;
            parallel.run(p.rows(), (long) p.nnz() * n, (from, to) -> z.forward(p, wl, bl, x, relu, n, from, to));
        }
    }

    private double lossAndOutputGradient(int n) {
        return crossEntropy.accumulate(act[layers], labels, n, grad[layers], 0) / n;
    }

    @Override
    public void close() {
        parallel.close();
    }

}
