package dev.jackpot.nn.train;

import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.ImageTransform;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.model.ParameterSpec;
import dev.jackpot.nn.sparse.SparseMlp;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@link MaskedTrainer} run on the sparse engine: the kept weights, their gradients and their
 * optimiser buffers live in {@link SparseMlp} slots, so a masked entry has no storage and is exactly
 * zero throughout. The update is the dense engine's {@link OptimizerStep} on the kept values, so equal
 * gradients give equal updates.
 */
final class SparseRun implements TrainingEngine {

    private final SparseMlp mlp;
    private final TrainSpec spec;
    private final Normalisation norm;
    private final OptimizerStep optimizer;
    private final List<String> prefixes;
    /** per slot, per prefix: the buffer's kept values */
    private final List<float[][]> buffers = new ArrayList<>();
    private long updates;

    SparseRun(Network network, TrainSpec spec, Normalisation norm, Checkpoint start, TensorSet masks, int threads) {
        this.spec = spec;
        this.norm = norm;
        this.mlp = new SparseMlp(network, start.weights(), masks, spec.batchSize(), threads);
        this.optimizer = new OptimizerStep(spec);
        this.prefixes = OptimizerBuffers.prefixes(spec);
        TensorSet state = start.optimizer().buffers();
        Map<String, ParameterSpec> byName = network.parameters().stream()
                .collect(Collectors.toMap(ParameterSpec::name, Function.identity()));
        Set<String> trainable = new HashSet<>();
        for (SparseMlp.Slot s : mlp.slots()) {
            trainable.add(s.name());
            float[][] b = new float[prefixes.size()][];
            for (int q = 0; q < prefixes.size(); q++) {
                var stored = OptimizerBuffers.stored(state, prefixes.get(q), byName.get(s.name()));
                if (stored.isEmpty()) {
                    b[q] = new float[s.values().length];
                } else {
                    float[] dense = stored.get().values();
                    b[q] = s.pattern() == null ? dense.clone() : s.pattern().gather(dense);
                }
            }
            buffers.add(b);
        }
        OptimizerBuffers.checkNoStray(state, spec, trainable);
        this.updates = start.optimizer().updates();
    }

    @Override
    public String name() {
        return TrainResult.SPARSE;
    }

    @Override
    public long trainingMacsPerExample() {
        return mlp.trainingMacsPerExample();
    }

    @Override
    public double step(ImageDataset train, int[] order, int lo, int hi, ImageTransform[] transforms, double lr) {
        double loss = mlp.forwardBackward(train, norm, order, lo, hi, transforms);
        if (!Double.isFinite(loss)) {
            return loss;
        }
        updates++;
        List<SparseMlp.Slot> slots = mlp.slots();
        for (int i = 0; i < slots.size(); i++) {
            SparseMlp.Slot s = slots.get(i);
            float[][] b = buffers.get(i);
            if (spec.optimizer() == OptimizerKind.SGD) {
                optimizer.sgd(s.values(), s.grad(), b.length == 1 ? b[0] : null, null, lr);
            } else {
                optimizer.adam(s.values(), s.grad(), b[0], b[1], null, lr, updates);
            }
        }
        return loss;
    }

    @Override
    public void checkInvariants(long step) {
        // A masked entry has no storage: the invariant holds by construction. What can break is a
        // kept value turning non-finite, which the divergence check reports.
    }

    @Override
    public Evaluation evaluate(ImageDataset on) {
        return mlp.evaluate(on, norm);
    }

    @Override
    public Checkpoint snapshot(long step) {
        List<NamedTensor> out = new ArrayList<>();
        List<SparseMlp.Slot> slots = mlp.slots();
        for (int q = 0; q < prefixes.size(); q++) {
            for (int i = 0; i < slots.size(); i++) {
                SparseMlp.Slot s = slots.get(i);
                float[] v = buffers.get(i)[q];
                out.add(new NamedTensor(prefixes.get(q) + s.name(), s.shape(), s.pattern() == null ? v.clone() : s.pattern().scatter(v)));
            }
        }
        return new Checkpoint(step, mlp.weights(), new OptimizerState(updates, TensorSet.of(out)));
    }

    @Override
    public void close() {
        mlp.close();
    }
}
