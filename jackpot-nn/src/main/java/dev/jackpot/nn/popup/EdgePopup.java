package dev.jackpot.nn.popup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.model.ParameterSpec;
import dev.jackpot.nn.model.Parameters;
import dev.jackpot.nn.train.Evaluation;
import dev.jackpot.nn.train.StepLoop;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Edge-popup (Ramanujan, Wortsman, Kembhavi, Farhadi, Rastegari, CVPR 2020): find a supermask of a
 * network whose weights W stay frozen at their random values.
 *
 * <p>Each prunable tensor W has a score tensor S of the same shape. The forward pass uses
 * {@code W_eff = W * m}, {@code m = TopK(|S|, k)} per layer ({@link TopK}: the {@code round(k n)} largest
 * |S| kept, k the fraction KEPT in every layer); biases are held at exactly zero (the paper has none).
 * The backward pass is straight-through: top-k acts as the identity, so every score, kept or not, gets
 * {@code dL/dS = dL/dW_eff * W * sign(S)} ({@code dL/dW_eff * W} when scores rank by S itself), and
 * pruned edges can "pop up". It is built with autograd as {@code W * (m + a - stopGradient(a))},
 * {@code a = |S|}: the forward value is exactly {@code W * m}. The scores are trained with SGD with
 * momentum and weight decay on the scores, under the spec's schedule (cosine in the paper).
 *
 * <p>W never changes: it is never given a gradient, and {@link PopupResult#weightsAfter()} reads it back
 * from the engine to prove it. Same spec, data and thread count: bit-identical masks. Not thread-safe.
 */
public final class EdgePopup {

    private final Compute compute;
    private final Network network;
    private final DataSplit data;
    private final Normalisation norm;
    private final PopupSpec spec;

    /**
     * @param compute where to compute
     * @param network an MLP or Conv-2/4/6 (no batch norm)
     * @param data    training, optional validation, test
     * @param norm    normalisation fitted on the training set
     * @param spec    the search
     */
    public EdgePopup(Compute compute, Network network, DataSplit data, Normalisation norm, PopupSpec spec) {
        this.compute = Objects.requireNonNull(compute, "compute");
        this.network = Objects.requireNonNull(network, "network");
        this.data = Objects.requireNonNull(data, "data");
        this.norm = Objects.requireNonNull(norm, "norm");
        this.spec = Objects.requireNonNull(spec, "spec");
        Frozen.checkSupported(network);
    }

    /**
     * Draws the frozen random weights: every prunable tensor from {@code init} with
     * {@code sigma = sqrt(2 / fan_in)}, one seeded stream per parameter name; biases zero.
     *
     * @param network the network
     * @param seed    the seed (derive it by name from the run's root seed)
     * @param init    Kaiming normal or signed constant
     * @return the weights in the network's order
     */
    public static TensorSet randomWeights(Network network, long seed, WeightInit init) {
        return Frozen.weights(network, seed, init);
    }

    /**
     * Draws the initial scores {@code S ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))} (PyTorch's kaiming_uniform
     * with a = sqrt(5), as hidden-networks), one seeded stream per parameter name.
     *
     * @return one tensor per prunable parameter
     */
    public static TensorSet initialScores(Network network, long seed) {
        return Frozen.scores(network, seed);
    }

    /**
     * The supermasks of the given scores.
     *
     * @param scores one tensor per prunable parameter
     * @return 0/1 masks with exactly {@code round(k n)} ones per layer
     */
    public TensorSet masks(TensorSet scores) {
        List<NamedTensor> out = new ArrayList<>();
        for (NamedTensor s : scores) {
            out.add(new NamedTensor(s.name(), s.shape(), TopK.mask(s.values(), spec.keep(), spec.absScores())));
        }
        return TensorSet.of(out);
    }

    /**
     * Searches for a mask over {@code weights}, starting from {@code scores}.
     *
     * @param weights  the frozen weights (biases must be zero)
     * @param scores   initial scores, one per prunable parameter
     * @param listener progress
     * @return masks, scores, evaluations
     */
    public PopupResult train(TensorSet weights, TensorSet scores, PopupListener listener) {
        long t0 = System.nanoTime();
        checkInputs(weights, scores);
        ImageDataset train = data.train();
        long total = spec.train().totalSteps(train.size());
        try (NDManager manager = compute.newManager(); Parameters w = Parameters.of(manager, network, weights)) {
            State st = new State(manager, w, scores);
            List<Double> epochLoss = new ArrayList<>();
            StepLoop.Outcome outcome = new StepLoop(spec.train(), train.size(), total).run(0, total,
                    (t, order, lo, hi, lr) -> {
                        try (NDScope scope = new NDScope()) {
                            scope.suppressNotUsedWarning();
                            double loss = st.forwardBackward(train, order, lo, hi).getFloat();
                            if (Double.isFinite(loss)) {
                                st.update(lr);
                            }
                            return loss;
                        }
                    }, observer(listener, epochLoss));
            TensorSet finalScores = st.scoresNow();
            TensorSet masks = masks(finalScores);
            Map<String, NDArray> eff = effective(manager, w, masks);
            Optional<Evaluation> val = data.validation().map(v -> Evaluation.of(manager, network, eff, v, norm,
                    spec.train().evalBatchSize()));
            Evaluation test = Evaluation.of(manager, network, eff, data.test(), norm, spec.train().evalBatchSize());
            Map<String, Integer> kept = new LinkedHashMap<>();
            for (NamedTensor m : masks) {
                kept.put(m.name(), TopK.kept(spec.keep(), m.size()));
            }
            return new PopupResult(spec.keep(), kept, masks, finalScores, w.toTensorSet(), val, test, epochLoss, outcome.diverged(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * @param listener  the caller's listener
     * @param epochLoss where each epoch's mean training loss is appended
     * @return the loop observer that edge-popup and projected SGD report through
     */
    static StepLoop.Observer observer(PopupListener listener, List<Double> epochLoss) {
        return new StepLoop.Observer() {
            @Override
            public void afterStep(long completed, long total, double loss) {
                listener.onStep(completed, total, loss);
            }

            @Override
            public void afterEpoch(int epoch, long completed, double lr, double meanLoss) {
                epochLoss.add(meanLoss);
                listener.onEpoch(epoch, meanLoss);
            }
        };
    }

    /**
     * The straight-through score gradient of the mean cross-entropy over examples {@code [from, to)} of
     * {@code on}, computed by autograd (for checks against the formula).
     *
     * @return dL/dS, one tensor per prunable parameter
     */
    public TensorSet scoreGradients(TensorSet weights, TensorSet scores, ImageDataset on, int from, int to) {
        checkInputs(weights, scores);
        try (NDManager manager = compute.newManager(); Parameters w = Parameters.of(manager, network, weights)) {
            State st = new State(manager, w, scores);
            st.forwardBackward(on, Frozen.identity(on.size()), from, to);
            List<NamedTensor> out = new ArrayList<>();
            for (Map.Entry<String, NDArray> e : st.scores.entrySet()) {
                NDArray g = e.getValue().getGradient();
                out.add(new NamedTensor(e.getKey(), scores.get(e.getKey()).shape(), g.toFloatArray()));
            }
            return TensorSet.of(out);
        }
    }

    private Map<String, NDArray> effective(NDManager manager, Parameters w, TensorSet masks) {
        Map<String, NDArray> eff = new HashMap<>(w.asMap());
        for (NamedTensor m : masks) {
            eff.put(m.name(), w.get(m.name()).mul(Parameters.toArray(manager, m)));
        }
        return eff;
    }

    private void checkInputs(TensorSet weights, TensorSet scores) {
        network.checkWeights(weights);
        List<String> prunable = network.prunableNames();
        if (!scores.names().equals(prunable)) {
            throw new IllegalArgumentException("The scores must hold exactly the prunable parameters " + prunable
                    + " in order, got " + scores.names() + ".");
        }
        for (ParameterSpec p : network.parameters()) {
            if (!p.prunable()) {
                for (float v : weights.get(p.name()).values()) {
                    if (v != 0f) {
                        throw new IllegalArgumentException("Edge-popup networks have no bias, but " + p.name()
                                + " holds " + v + "; use zero biases.");
                    }
                }
            } else if (!java.util.Arrays.equals(scores.get(p.name()).shape(), p.shape())) {
                throw new IllegalArgumentException("The scores of " + p.name() + " have the wrong shape.");
            }
        }
    }

    /** Scores and their momentum in the engine. */
    private final class State {
        private final NDManager manager;
        private final Parameters weights;
        private final Map<String, NDArray> scores = new LinkedHashMap<>();
        private final Map<String, NDArray> momentum = new LinkedHashMap<>();
        private final Map<String, int[]> shapes = new HashMap<>();

        State(NDManager manager, Parameters weights, TensorSet init) {
            this.manager = manager;
            this.weights = weights;
            for (NamedTensor s : init) {
                NDArray a = Parameters.toArray(manager, s);
                a.setRequiresGradient(true);
                scores.put(s.name(), a);
                momentum.put(s.name(), manager.zeros(a.getShape()));
                shapes.put(s.name(), s.shape());
            }
        }

        NDArray forwardBackward(ImageDataset on, int[] order, int lo, int hi) {
            NDArray x = Frozen.features(manager, on, norm, order, lo, hi);
            NDArray y = Frozen.labels(manager, on, order, lo, hi);
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                Map<String, NDArray> eff = new HashMap<>(weights.asMap());
                for (Map.Entry<String, NDArray> e : scores.entrySet()) {
                    NDArray s = e.getValue();
                    float[] m = TopK.mask(s.toFloatArray(), spec.keep(), spec.absScores());
                    NDArray mask = manager.create(m, s.getShape());
                    NDArray a = spec.absScores() ? s.abs() : s;
                    // forward value m + 0 = m exactly; backward d/da = identity (straight-through)
                    NDArray st = mask.add(a.sub(a.stopGradient()));
                    eff.put(e.getKey(), weights.get(e.getKey()).mul(st));
                }
                NDArray logits = network.forward(eff, x, true);
                NDArray loss = Frozen.meanCrossEntropy(logits, y, network.classes());
                gc.backward(loss);
                return loss;
            }
        }

        void update(double lr) {
            float wd = (float) spec.train().weightDecay();
            float mu = (float) spec.train().momentum();
            for (Map.Entry<String, NDArray> e : scores.entrySet()) {
                NDArray s = e.getValue();
                NDArray g = s.getGradient();
                NDArray d = wd > 0 ? g.add(s.mul(wd)) : g;
                NDArray buf = momentum.get(e.getKey());
                if (mu > 0) {
                    buf.muli(mu).addi(d);
                    d = buf;
                }
                s.subi(d.mul((float) lr));
                Compute.zeroGradient(s);
            }
        }

        TensorSet scoresNow() {
            List<NamedTensor> out = new ArrayList<>();
            for (Map.Entry<String, NDArray> e : scores.entrySet()) {
                out.add(new NamedTensor(e.getKey(), shapes.get(e.getKey()), e.getValue().toFloatArray()));
            }
            return TensorSet.of(out);
        }
    }
}
