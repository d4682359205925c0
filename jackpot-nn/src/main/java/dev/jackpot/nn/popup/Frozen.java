package dev.jackpot.nn.popup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.jackpot.nn.data.Batches;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.model.ParameterKind;
import dev.jackpot.nn.model.ParameterSpec;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Shared pieces of edge-popup and PGD: the bias-free random network (every bias held at exactly
 * zero, never trained, which is the paper's "no bias"), score initialisation, minibatches and the loss.
 */
final class Frozen {

    private Frozen() {
    }

    /** Rejects networks with batch norm (their affine parameters would need a rule this package does not define). */
    static void checkSupported(Network network) {
        for (ParameterSpec p : network.parameters()) {
            if (p.kind() != ParameterKind.WEIGHT && p.kind() != ParameterKind.BIAS) {
                throw new IllegalArgumentException("Edge-popup here supports networks of plain weights and biases (MLPs, "
                        + "Conv-2/4/6); " + network.name() + " has " + p + ".");
            }
        }
    }

    static TensorSet weights(Network network, long seed, WeightInit init) {
        checkSupported(network);
        List<NamedTensor> out = new ArrayList<>();
        for (ParameterSpec p : network.parameters()) {
            float[] v = new float[p.size()];
            if (p.prunable()) {
                Rng rng = Seeds.stream(seed, "popup-weights/" + p.name());
                double sigma = Math.sqrt(2.0 / p.fanIn());
                for (int i = 0; i < v.length; i++) {
                    v[i] = init == WeightInit.KAIMING_NORMAL ? (float) (sigma * rng.nextGaussian())
                            : (float) (rng.nextDouble() < 0.5 ? -sigma : sigma);
                }
            }
            out.add(new NamedTensor(p.name(), p.shape(), v));
        }
        return TensorSet.of(out);
    }

    static TensorSet scores(Network network, long seed) {
        checkSupported(network);
        List<NamedTensor> out = new ArrayList<>();
        for (ParameterSpec p : network.parameters()) {
            if (!p.prunable()) {
                continue;
            }
            Rng rng = Seeds.stream(seed, "popup-scores/" + p.name());
            double bound = 1.0 / Math.sqrt(p.fanIn());
            float[] v = new float[p.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rng.uniform(-bound, bound);
            }
            out.add(new NamedTensor(p.name(), p.shape(), v));
        }
        return TensorSet.of(out);
    }

    static NDArray features(NDManager m, ImageDataset d, Normalisation norm, int[] order, int lo, int hi) {
        return m.create(Batches.features(d, norm, order, lo, hi), new Shape(hi - lo, d.channels(), d.height(), d.width()));
    }

    static NDArray labels(NDManager m, ImageDataset d, int[] order, int lo, int hi) {
        return m.create(Batches.labels(d, order, lo, hi));
    }

    /** Mean softmax cross-entropy of a minibatch. */
    static NDArray meanCrossEntropy(NDArray logits, NDArray labels, int classes) {
        return logits.logSoftmax(1).mul(labels.oneHot(classes)).sum().neg().div(logits.getShape().get(0));
    }

    static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        return o;
    }
}
