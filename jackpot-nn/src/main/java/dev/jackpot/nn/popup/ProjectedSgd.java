package dev.jackpot.nn.popup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.Augmentation;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.model.Parameters;
import dev.jackpot.nn.train.Evaluation;
import dev.jackpot.nn.train.OptimizerKind;
import dev.jackpot.nn.train.StepLoop;
import dev.jackpot.nn.train.TrainSpec;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Step 2 of Xiong, Liao and Kyrillidis's PGD+StrongLTH (AISTATS 2023, Algorithm 1): projected
 * minibatch SGD on the prunable weights inside {@code ||W - W0||_inf <= eps}. Each step takes the
 * spec's SGD step (momentum and weight decay as {@link TrainSpec}) and then projects every entry onto
 * {@code [W0 - eps, W0 + eps]} ({@link BoxProjection}); the deviation is checked after every step and a
 * violation throws. Biases stay exactly zero. eps = 0 returns W0 bit for bit; eps = infinity is plain
 * (dense) SGD, the "SGD only" baseline.
 */
public final class ProjectedSgd {

    /**
     * The outcome.
     *
     * @param eps          the radius
     * @param weights      the perturbed weights {@code W0 + dW}
     * @param maxDeviation {@code ||W - W0||_inf} at the end (exact)
     * @param validation   the unpruned perturbed network on the validation set, if any
     * @param test         the unpruned perturbed network on the test set
     * @param diverged     the step whose loss was not finite, or empty
     */
    public record Result(double eps, TensorSet weights, double maxDeviation, Optional<Evaluation> validation,
                         Evaluation test, OptionalLong diverged) {
    }

    private final Compute compute;
    private final Network network;
    private final DataSplit data;
    private final Normalisation norm;
    private final TrainSpec spec;

    /**
     * @param spec SGD with any momentum, weight decay and schedule, without augmentation
     */
    public ProjectedSgd(Compute compute, Network network, DataSplit data, Normalisation norm, TrainSpec spec) {
        this.compute = Objects.requireNonNull(compute, "compute");
        this.network = Objects.requireNonNull(network, "network");
        this.data = Objects.requireNonNull(data, "data");
        this.norm = Objects.requireNonNull(norm, "norm");
        this.spec = Objects.requireNonNull(spec, "spec");
        if (spec.optimizer() != OptimizerKind.SGD) {
            throw new IllegalArgumentException("PGD takes SGD steps, got " + spec.optimizer() + ".");
        }
        if (spec.augment() != Augmentation.NONE) {
            throw new IllegalArgumentException("PGD does not augment its training batches; set augment to NONE, got "
                    + spec.augment() + ".");
        }
        Frozen.checkSupported(network);
    }

    /**
     * @param w0       the random weights (biases zero)
     * @param eps      radius, non-negative; infinity for unconstrained SGD
     * @param listener progress
     * @return the perturbed weights and their evaluation
     * @throws IllegalStateException if a projected step ever leaves the ball (a bug)
     */
    public Result train(TensorSet w0, double eps, PopupListener listener) {
        BoxProjection.check(eps);
        network.checkWeights(w0);
        ImageDataset train = data.train();
        long total = eps == 0 ? 0 : spec.totalSteps(train.size());
        List<String> prunable = network.prunableNames();
        try (NDManager manager = compute.newManager(); Parameters p = Parameters.of(manager, network, w0)) {
            Map<String, NDArray> momentum = new LinkedHashMap<>();
            for (String name : prunable) {
                p.get(name).setRequiresGradient(true);
                momentum.put(name, manager.zeros(p.get(name).getShape()));
            }
            StepLoop.Outcome outcome = new StepLoop(spec, train.size(), total).run(0, total, (t, order, lo, hi, lr) -> {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = Frozen.features(manager, train, norm, order, lo, hi);
                    NDArray y = Frozen.labels(manager, train, order, lo, hi);
                    NDArray l;
                    try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                        l = Frozen.meanCrossEntropy(network.forward(p.asMap(), x, true), y, network.classes());
                        gc.backward(l);
                    }
                    double loss = l.getFloat();
                    if (Double.isFinite(loss)) {
                        step(p, momentum, w0, eps, lr, t);
                    }
                    return loss;
                }
            }, EdgePopup.observer(listener, new ArrayList<>()));
            TensorSet out = p.toTensorSet();
            double dev = 0;
            for (String name : prunable) {
                dev = Math.max(dev, BoxProjection.maxDeviation(out.get(name).values(), w0.get(name).values()));
            }
            Optional<Evaluation> val = data.validation().map(v -> Evaluation.of(manager, network, p.asMap(), v, norm,
                    spec.evalBatchSize()));
            Evaluation test = Evaluation.of(manager, network, p.asMap(), data.test(), norm, spec.evalBatchSize());
            return new Result(eps, out, dev, val, test, outcome.diverged());
        }
    }

    private void step(Parameters p, Map<String, NDArray> momentum, TensorSet w0, double eps, double lr, long t) {
        float wd = (float) spec.weightDecay();
        float mu = (float) spec.momentum();
        for (Map.Entry<String, NDArray> e : momentum.entrySet()) {
            NDArray w = p.get(e.getKey());
            NDArray g = w.getGradient();
            NDArray d = wd > 0 ? g.add(w.mul(wd)) : g;
            if (mu > 0) {
                e.getValue().muli(mu).addi(d);
                d = e.getValue();
            }
            float[] v = w.sub(d.mul((float) lr)).toFloatArray();
            float[] c = w0.get(e.getKey()).values();
            BoxProjection.project(v, c, eps);
            double dev = BoxProjection.maxDeviation(v, c);
            if (dev > eps) {
                throw new IllegalStateException("After step " + (t + 1) + ", " + e.getKey() + " deviates by " + dev
                        + " from its initial value, more than eps = " + eps + "; the projection is broken.");
            }
            w.set(v);
            Compute.zeroGradient(w);
        }
    }
}
