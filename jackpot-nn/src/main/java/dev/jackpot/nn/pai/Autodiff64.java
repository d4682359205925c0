package dev.jackpot.nn.pai;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.model.ParameterSpec;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gradients in double precision on the engine: the network's forward pass on float64 arrays (the
 * float32 weights convert exactly), one scalar objective of the logits, one backward pass. Double
 * precision makes GraSP's central difference accurate and keeps SynFlow's product of layer norms
 * in range (weak-lth.md 5.3).
 */
final class Autodiff64 {

    /** A scalar function of the logits {@code [B, K]}. */
    interface Objective {
        NDArray apply(NDArray logits, NDManager manager);
    }

    /** The value and the gradients with respect to the requested parameters. */
    record Result(double value, Map<String, double[]> gradients) {
    }

    private Autodiff64() {
    }

    /**
     * @param compute  where to compute
     * @param network  the network
     * @param params   every parameter as doubles, keyed by name
     * @param input    {@code [n, C, H, W]} flattened
     * @param n        examples
     * @param training batch-norm in training mode (batch statistics) or not
     * @param wrt      parameters to differentiate
     * @param objective the scalar
     * @return value and gradients
     */
    static Result gradient(Compute compute, Network network, Map<String, double[]> params, double[] input, int n,
                           boolean training, Collection<String> wrt, Objective objective) {
        int[] in = network.inputShape();
        try (NDManager m = compute.newManager()) {
            Map<String, NDArray> p = new LinkedHashMap<>();
            for (ParameterSpec s : network.parameters()) {
                NDArray a = m.create(params.get(s.name()), new Shape(Arrays.stream(s.shape()).asLongStream().toArray()));
                if (wrt.contains(s.name())) {
                    a.setRequiresGradient(true);
                }
                p.put(s.name(), a);
            }
            NDArray x = m.create(input, new Shape(n, in[0], in[1], in[2]));
            double value;
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray logits = network.forward(p, x, training);
                NDArray out = objective.apply(logits, m);
                gc.backward(out);
                value = out.getDouble();
            }
            Map<String, double[]> grads = new LinkedHashMap<>();
            for (ParameterSpec s : network.parameters()) {
                if (wrt.contains(s.name())) {
                    grads.put(s.name(), p.get(s.name()).getGradient().toDoubleArray());
                }
            }
            return new Result(value, grads);
        }
    }

    /** Mean softmax cross-entropy of {@code logits / T} against integer labels. */
    static Objective crossEntropy(int[] labels, int classes, double temperature) {
        return (logits, m) -> {
            NDArray y = m.create(labels).oneHot(classes).toType(DataType.FLOAT64, false);
            return logits.div(temperature).logSoftmax(1).mul(y).sum().neg().div(labels.length);
        };
    }

    /** The sum of all outputs (SynFlow's R). */
    static Objective sum() {
        return (logits, m) -> logits.sum();
    }
}
