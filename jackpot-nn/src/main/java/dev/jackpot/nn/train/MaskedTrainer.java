package dev.jackpot.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.Augmentation;
import dev.jackpot.nn.data.Batches;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.ImageTransform;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.model.ParameterSpec;
import dev.jackpot.nn.model.Parameters;
import dev.jackpot.nn.sparse.SparseMlp;
import dev.jackpot.prune.Masks;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Trains a network under fixed masks with the exact masking semantics of the weak-LTH design note
 * (section 2), minimising the mean softmax cross-entropy of each minibatch:
 * <ol>
 *   <li>the forward and backward passes use {@code W * M} for every masked tensor (W holds exactly
 *       {@code W * M} between steps, so the pass runs on W itself), and the gradient is multiplied
 *       by M before the update, so {@code dL/dW = M * dL/d(W * M)} is exactly zero at masked entries;</li>
 *   <li>the optimiser ({@link OptimizerKind}) updates W and its buffers, in Java
 *       ({@link OptimizerStep}, the same float operations as libtorch's element-wise ops, with a
 *       correctly rounded square root for Adam);</li>
 *   <li>then {@code W <- W * M} and every buffer {@code <- buffer * M} (masked entries are written as +0.0,
 *       never -0.0), so neither weight decay nor
 *       momentum nor Adam's moments can move a pruned weight (the distiller and OpenLTH failures
 *       the note lists).</li>
 * </ol>
 * The starting weights and optimiser buffers are multiplied by the masks too, so rewinding a
 * ticket to step k is {@code train(M * theta_k)}.
 *
 * <p>Reproducibility: the minibatches of step t, and their augmentation when the spec has one, depend
 * only on {@code (seed, t)} (see {@link StepLoop} and {@link Augmentation}; evaluation, and
 * {@link #gradients}, never augment) and the learning rate only on t ({@link LrSchedule}); the same spec, data,
 * start and masks give bit-identical weights at a fixed intra-op thread count (tested). libtorch's
 * kernels split reductions by thread count, so runs on 1 and 2 threads differ in the last bits:
 * record {@link Compute#threads()} with every run. A run from step k to T
 * sees the same batches and learning rates as steps k..T of a run from 0.
 *
 * <p>Evaluation runs at the end of every epoch and at the last step. Divergence (a non-finite
 * minibatch loss) stops the run before that step's update and is reported in the result. An
 * instance is not thread-safe, and libtorch allows one gradient collector per process at a time, so
 * runs in one JVM are sequential.
 */
public final class MaskedTrainer {

    private final Compute compute;
    private final Network network;
    private final DataSplit data;
    private final Normalisation norm;
    private final TrainSpec spec;
    private final long total;

    /**
     * @param compute where to compute
     * @param network the network
     * @param data    training, optional validation, and test sets
     * @param norm    the normalisation (fit it on {@code data.train()})
     * @param spec    how to train
     * @throws IllegalArgumentException if the data's image shape or classes differ from the network's
     */
    public MaskedTrainer(Compute compute, Network network, DataSplit data, Normalisation norm, TrainSpec spec) {
        this.compute = Objects.requireNonNull(compute, "compute");
        this.network = Objects.requireNonNull(network, "network");
        this.data = Objects.requireNonNull(data, "data");
        this.norm = Objects.requireNonNull(norm, "norm");
        this.spec = Objects.requireNonNull(spec, "spec");
        ImageDataset tr = data.train();
        int[] in = network.inputShape();
        if (in[0] != tr.channels() || in[1] != tr.height() || in[2] != tr.width() || network.classes() != tr.classes()) {
            throw new IllegalArgumentException("Network " + network + " does not fit data " + tr + ".");
        }
        this.total = spec.totalSteps(tr.size());
    }

    /** @return steps per epoch */
    public long iterationsPerEpoch() {
        return spec.iterationsPerEpoch(data.train().size());
    }

    /** @return T, the total steps of the spec */
    public long totalSteps() {
        return total;
    }

    /**
     * Trains from step 0 to T under {@code masks}.
     *
     * @param init     initial weights
     * @param masks    masks keyed by prunable parameter name (absent parameters are dense); empty for a dense run
     * @param listener progress
     * @return the result
     */
    public TrainResult train(TensorSet init, TensorSet masks, TrainListener listener) {
        return train(Checkpoint.initial(init), masks, total, OptionalLong.empty(), listener);
    }

    /**
     * Trains from {@code start.step()} to {@code toStep} under {@code masks}, optionally capturing the
     * state after {@code captureAt} steps (the rewind point of IMP).
     *
     * @param start     weights, step and optimiser state to start from (use
     *                  {@link Checkpoint#withFreshOptimizer()} for OpenLTH's rewinding)
     * @param masks     masks keyed by prunable parameter name, exact 0/1 values
     * @param toStep    the step to stop at, {@code start.step() <= toStep <= T}
     * @param captureAt a step in {@code [start.step(), toStep]} whose state to capture, or empty
     * @param listener  progress
     * @return final state, captured state, metrics, early-stop step, divergence
     * @throws IllegalArgumentException      if weights, masks or steps are inconsistent with the network and spec
     * @throws InvariantViolationException   if {@link TrainSpec#checkInvariants()} is on and a masked entry is non-zero
     */
    public TrainResult train(Checkpoint start, TensorSet masks, long toStep, OptionalLong captureAt, TrainListener listener) {
        network.checkWeights(start.weights());
        network.checkMasks(masks);
        long from = start.step();
        if (toStep < from || toStep > total) {
            throw new IllegalArgumentException("toStep must be in [" + from + ", " + total + "] (start step, total steps), got " + toStep + ".");
        }
        if (captureAt.isPresent() && (captureAt.getAsLong() < from || captureAt.getAsLong() > toStep)) {
            throw new IllegalArgumentException("captureAt must be in [" + from + ", " + toStep + "], got " + captureAt.getAsLong() + ".");
        }
        long t0 = System.nanoTime();
        if (sparse(masks)) {
            try (SparseRun run = new SparseRun(network, spec, norm, start, masks, compute.sparseThreads())) {
                return execute(run, from, toStep, captureAt, listener, t0);
            }
        }
        try (NDManager manager = compute.newManager(); Run run = new Run(manager, start, masks)) {
            return execute(run, from, toStep, captureAt, listener, t0);
        }
    }

    /**
     * @param masks masks keyed by prunable parameter name
     * @return whether a run under {@code masks} uses the sparse engine: the network is fully connected
     *         and the masks keep at most {@link Compute#sparseBelow()} of its prunable weights
     */
    public boolean sparse(TensorSet masks) {
        return SparseMlp.supports(network) && compute.useSparse(density(network, masks));
    }

    /** @return kept / all prunable weights (a prunable tensor without a mask counts as kept) */
    static double density(Network network, TensorSet masks) {
        long kept = 0;
        for (ParameterSpec p : network.parameters()) {
            if (!p.prunable()) {
                continue;
            }
            kept += masks.contains(p.name()) ? Masks.kept(masks.get(p.name())) : p.size();
        }
        return kept / (double) network.prunableCount();
    }

    private TrainResult execute(TrainingEngine run, long from, long to, OptionalLong captureAt, TrainListener listener, long t0) {
        ImageDataset train = data.train();
        Checkpoint[] captured = {captureAt.isPresent() && captureAt.getAsLong() == from ? run.snapshot(from) : null};
        List<EpochMetrics> metrics = new ArrayList<>();
        StepLoop.Outcome outcome = new StepLoop(spec, train.size(), total).run(from, to, (t, order, lo, hi, lr) -> {
            ImageTransform[] transforms = spec.augment() == Augmentation.NONE ? null
                    : spec.augment().draw(spec.seed(), t, hi - lo);
            return run.step(train, order, lo, hi, transforms, lr);
        }, new StepLoop.Observer() {
            @Override
            public void afterStep(long completed, long stop, double loss) {
                if (spec.checkInvariants()) {
                    run.checkInvariants(completed);
                }
                listener.onStep(completed, stop, loss);
                if (captureAt.isPresent() && captureAt.getAsLong() == completed) {
                    captured[0] = run.snapshot(completed);
                }
            }

            @Override
            public void afterEpoch(int epoch, long completed, double lr, double meanLoss) {
                EpochMetrics m = evaluate(run, epoch, completed, lr, meanLoss, t0);
                metrics.add(m);
                listener.onEpoch(m);
            }
        });
        long earlyStop = -1;
        double best = Double.POSITIVE_INFINITY;
        for (EpochMetrics m : metrics) {
            double v = Double.isNaN(m.validationLoss()) ? m.testLoss() : m.validationLoss();
            if (v < best) {
                best = v;
                earlyStop = m.step();
            }
        }
        Checkpoint end = run.snapshot(outcome.completed());
        long examples = 0;
        int n = train.size();
        int batch = spec.batchSize();
        long ipe = spec.iterationsPerEpoch(n);
        for (long t = from; t < outcome.completed(); t++) {
            long lo = (t % ipe) * batch;
            examples += Math.min(n, lo + batch) - lo;
        }
        return new TrainResult(from, to, end, Optional.ofNullable(captured[0]), metrics, earlyStop, outcome.diverged(),
                (System.nanoTime() - t0) / 1e9, run.name(), (double) examples * run.trainingMacsPerExample());
    }

    private EpochMetrics evaluate(TrainingEngine run, int epoch, long step, double lr, double trainLoss, long t0) {
        double vl = Double.NaN;
        double va = Double.NaN;
        if (data.validation().isPresent()) {
            Evaluation v = run.evaluate(data.validation().get());
            vl = v.loss();
            va = v.accuracy();
        }
        Evaluation te = run.evaluate(data.test());
        return new EpochMetrics(epoch, step, lr, trainLoss, vl, va, te.loss(), te.accuracy(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Evaluates weights under masks on a dataset (masks are applied first).
     *
     * @param weights the network's weights
     * @param masks   masks, possibly empty
     * @param on      the dataset
     * @return loss and accuracy
     */
    public Evaluation evaluate(TensorSet weights, TensorSet masks, ImageDataset on) {
        network.checkWeights(weights);
        network.checkMasks(masks);
        if (sparse(masks)) {
            try (SparseMlp mlp = new SparseMlp(network, weights, masks, Math.max(1, Math.min(spec.evalBatchSize(), 1024)),
                    compute.sparseThreads())) {
                return mlp.evaluate(on, norm);
            }
        }
        try (NDManager manager = compute.newManager(); Parameters p = Parameters.of(manager, network, weights)) {
            for (NamedTensor m : masks) {
                applyMask(p.get(m.name()), Parameters.toArray(manager, m));
            }
            return Evaluation.of(manager, network, p.asMap(), on, norm, spec.evalBatchSize());
        }
    }

    /**
     * The gradient of the mean cross-entropy over examples {@code [from, to)} of {@code on} with
     * respect to every trainable parameter, at {@code weights * masks}, in training mode (batch-norm
     * uses batch statistics; running buffers are not kept). Masked entries get exactly zero. For
     * pruning-at-initialisation scores (SNIP's {@code |g * w|}) and gradient checks.
     *
     * @param weights the network's weights
     * @param masks   masks, possibly empty
     * @param on      the examples
     * @param from    first example (inclusive)
     * @param to      last example (exclusive), {@code from < to <= on.size()}
     * @return one tensor per trainable parameter, named as the parameter, in the network's order
     */
    public TensorSet gradients(TensorSet weights, TensorSet masks, ImageDataset on, int from, int to) {
        network.checkWeights(weights);
        network.checkMasks(masks);
        if (from < 0 || to <= from || to > on.size()) {
            throw new IllegalArgumentException("The example range must satisfy 0 <= from < to <= " + on.size()
                    + ", got [" + from + ", " + to + ").");
        }
        int[] order = new int[on.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        try (NDManager manager = compute.newManager()) {
            Run run = new Run(manager, Checkpoint.initial(weights), masks);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                run.forwardBackward(on, order, from, to, null);
                List<NamedTensor> out = new ArrayList<>();
                for (ParameterSpec p : run.trainable) {
                    NDArray g = run.params.get(p.name()).getGradient();
                    NDArray m = run.masks.get(p.name());
                    if (m != null) {
                        applyMask(g, m);
                    }
                    out.add(new NamedTensor(p.name(), p.shape(), g.toFloatArray()));
                }
                return TensorSet.of(out);
            }
        }
    }

    /**
     * {@code a <- a * mask} with masked entries +0.0: a product with 0 is -0.0 for negative entries,
     * and adding +0.0 turns -0.0 into +0.0 while leaving every other value unchanged, so saved
     * tickets hold the bit pattern of +0.0 wherever the mask is 0.
     */
    static void applyMask(NDArray a, NDArray mask) {
        a.muli(mask).addi(0f);
    }

    /**
     * The mutable state of one run. The forward and backward passes run in libtorch; the update runs in
     * Java ({@link OptimizerStep}) on a copy of each trainable tensor's values, its gradient (read from the
     * tensor's storage in one copy) and its optimiser buffers, and the new values are written back into the
     * tensor's storage: two memory copies per tensor per step instead of some twenty libtorch calls.
     */
    private final class Run implements TrainingEngine {
        private final NDManager manager;
        private final Parameters params;
        private final Map<String, NDArray> masks = new LinkedHashMap<>();
        private final List<ParameterSpec> trainable = new ArrayList<>();
        private final List<Slot> slots = new ArrayList<>();
        private final OptimizerStep optimizer = new OptimizerStep(spec);
        private final List<String> prefixes = OptimizerBuffers.prefixes(spec);
        private long updates;

        /** A trainable tensor's values, gradient scratch, mask (null: dense) and optimiser buffers. */
        private record Slot(ParameterSpec spec, NDArray array, float[] values, float[] grad, float[] mask, float[][] buffers) {
        }

        Run(NDManager manager, Checkpoint start, TensorSet maskSet) {
            this.manager = manager;
            this.params = Parameters.of(manager, network, start.weights());
            for (NamedTensor m : maskSet) {
                NDArray mask = Parameters.toArray(manager, m);
                masks.put(m.name(), mask);
                applyMask(params.get(m.name()), mask);
            }
            TensorSet state = start.optimizer().buffers();
            Set<String> names = new HashSet<>();
            for (ParameterSpec p : network.parameters()) {
                if (!p.kind().trainable()) {
                    continue;
                }
                trainable.add(p);
                names.add(p.name());
                NDArray array = params.get(p.name());
                array.setRequiresGradient(true);
                float[] mask = maskSet.contains(p.name()) ? maskSet.get(p.name()).values() : null;
                float[][] buffers = new float[prefixes.size()][];
                for (int q = 0; q < buffers.length; q++) {
                    buffers[q] = buffer(state, prefixes.get(q), p, mask);
                }
                slots.add(new Slot(p, array, array.toFloatArray(), new float[(int) p.size()], mask, buffers));
            }
            OptimizerBuffers.checkNoStray(state, spec, names);
            this.updates = start.optimizer().updates();
        }

        /** The stored buffer (zero when absent) times the mask, masked entries +0.0 as {@link #applyMask}. */
        private static float[] buffer(TensorSet state, String prefix, ParameterSpec p, float[] mask) {
            float[] b = OptimizerBuffers.stored(state, prefix, p).map(t -> t.values().clone())
                    .orElseGet(() -> new float[(int) p.size()]);
            if (mask != null) {
                for (int k = 0; k < b.length; k++) {
                    b[k] = b[k] * mask[k] + 0f;
                }
            }
            return b;
        }

        @Override
        public String name() {
            return TrainResult.DENSE;
        }

        @Override
        public long trainingMacsPerExample() {
            return network.trainingMacsPerExample();
        }

        @Override
        public void close() {
            params.close();
        }

        /** One step: forward on W * M, backward, masked update. @return the minibatch loss */
        @Override
        public double step(ImageDataset train, int[] order, int lo, int hi, ImageTransform[] transforms, double lr) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                double value = forwardBackward(train, order, lo, hi, transforms).getFloat();
                if (!Double.isFinite(value)) {
                    for (ParameterSpec p : trainable) {
                        Compute.zeroGradient(params.get(p.name()));
                    }
                    return value;
                }
                update(lr);
                return value;
            }
        }

        /**
         * Loss of the minibatch {@code order[lo..hi)}, each example transformed by {@code transforms} (null:
         * none), on W (which equals W * M), with gradients accumulated into each W; their masked entries are
         * not zero until the caller masks them.
         */
        NDArray forwardBackward(ImageDataset train, int[] order, int lo, int hi, ImageTransform[] transforms) {
            NDArray x = manager.create(Batches.features(train, norm, order, lo, hi, transforms),
                    new Shape(hi - lo, train.channels(), train.height(), train.width()));
            NDArray y = manager.create(Batches.labels(train, order, lo, hi));
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                // W is exactly W * M between steps (masked entries +0.0), so the forward pass on W computes W * M
                // without the extra product; the gradient's masked entries are dropped by the update.
                NDArray logits = network.forward(params.asMap(), x, true);
                NDArray loss = Losses.crossEntropySum(logits, y, network.classes()).div(hi - lo);
                gc.backward(loss);
                return loss;
            }
        }

        private void update(double lr) {
            updates++;
            for (Slot s : slots) {
                NDArray g = s.array().getGradient();
                Compute.read(g, s.grad());
                float[][] b = s.buffers();
                if (spec.optimizer() == OptimizerKind.SGD) {
                    optimizer.sgd(s.values(), s.grad(), b.length == 1 ? b[0] : null, s.mask(), lr);
                } else {
                    optimizer.adam(s.values(), s.grad(), b[0], b[1], s.mask(), lr, updates);
                }
                Compute.write(s.array(), s.values());
                Compute.zeroGradient(s.array());
            }
        }

        @Override
        public void checkInvariants(long step) {
            for (Slot s : slots) {
                if (s.mask() == null) {
                    continue;
                }
                String name = s.spec().name();
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    long bad = MaskChecks.nonZerosWhere(s.array(), masks.get(name).eq(0));
                    if (bad != 0) {
                        throw violation(bad, "weight " + name, step);
                    }
                }
                for (int q = 0; q < s.buffers().length; q++) {
                    long bad = MaskChecks.nonZerosWhere(s.buffers()[q], s.mask());
                    if (bad != 0) {
                        throw violation(bad, (q == 1 ? "Adam v of " : prefixes.size() == 2 ? "Adam m of " : "momentum of ") + name, step);
                    }
                }
            }
        }

        private InvariantViolationException violation(long bad, String what, long step) {
            return new InvariantViolationException("After step " + step + ", " + bad + " masked entries of the "
                    + what + " are not exactly zero; the masking invariant is broken.");
        }

        @Override
        public Evaluation evaluate(ImageDataset on) {
            return Evaluation.of(manager, network, params.asMap(), on, norm, spec.evalBatchSize());
        }

        @Override
        public Checkpoint snapshot(long step) {
            List<NamedTensor> buffers = new ArrayList<>();
            for (int q = 0; q < prefixes.size(); q++) {
                for (Slot s : slots) {
                    buffers.add(new NamedTensor(prefixes.get(q) + s.spec().name(), s.spec().shape(), s.buffers()[q].clone()));
                }
            }
            return new Checkpoint(step, params.toTensorSet(), new OptimizerState(updates, TensorSet.of(buffers)));
        }
    }
}
