package dev.jackpot.nn.lottery;

import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.InitScheme;
import dev.jackpot.nn.model.Initialiser;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.train.Checkpoint;
import dev.jackpot.nn.train.EpochMetrics;
import dev.jackpot.nn.train.MaskedTrainer;
import dev.jackpot.nn.train.OptimizerState;
import dev.jackpot.nn.train.TrainListener;
import dev.jackpot.nn.train.TrainResult;
import dev.jackpot.nn.train.TrainSpec;
import dev.jackpot.prune.OptimizerSnapshot;
import dev.jackpot.prune.TicketTrainer;
import dev.jackpot.prune.TrainOutcome;
import dev.jackpot.prune.TrainPhase;
import dev.jackpot.prune.TrainRequest;
import dev.jackpot.tensor.TensorSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link TicketTrainer} on DJL: each {@link TrainRequest} becomes one {@link MaskedTrainer} run.
 *
 * <ul>
 *   <li>the start weights are copied into a {@link Checkpoint} at step {@code fromStep} with the
 *       request's optimiser state: fresh (zero) as OpenLTH does when it rewinds (weak-lth.md 3.3), or
 *       the rewind point's restored state ({@code OptimizerAtRewind.RESTORE}); its buffers are named
 *       as {@link OptimizerState}'s and the trainer multiplies them by the masks again;</li>
 *   <li>the data order is seeded with the request's {@code dataSeed} (the spec's own seed is
 *       replaced), so the batches of step s, with their augmentation if the spec has one, depend
 *       only on {@code (dataSeed, s)} and every level sees level 0's batches from {@code fromStep} on; the learning rate is the schedule at s;</li>
 *   <li>{@code captureStep} is captured as the weights (and the optimiser state) before that step is taken;</li>
 *   <li>{@link TrainPhase#FINE_TUNE} jobs train with the fine-tuning spec (its own length and
 *       schedule, e.g. a small constant rate; Renda et al., ICLR 2020).</li>
 * </ul>
 * The outcome's accuracy and loss are the test metrics of the final weights. Its metrics map holds
 * {@code trainLoss}, {@code earlyStopStep}, {@code seconds}, {@code trainingMacs} (multiply-adds the engine
 * executed in training), {@code sparse} (1 when the sparse engine trained it), {@code diverged} (0 or 1),
 * {@code divergedAtStep} (when diverged), and per evaluation point {@code testAccuracy@STEP} and
 * {@code testLoss@STEP}, the accuracy-vs-iteration curve of the level.
 */
public final class DjlTicketTrainer implements TicketTrainer {

    private final Compute compute;
    private final Network network;
    private final DataSplit data;
    private final Normalisation norm;
    private final TrainSpec train;
    private final TrainSpec fineTune;
    private final InitScheme init;
    private final TrainListener listener;

    /**
     * @param compute  where to compute
     * @param network  the network
     * @param data     training, optional validation and test sets
     * @param norm     the normalisation, fitted on the training set
     * @param train    the spec of TRAIN jobs; its length must equal the IMP spec's trainingSteps
     * @param fineTune the spec of FINE_TUNE jobs (may equal {@code train})
     * @param init     the initialisation scheme of {@link #initialWeights}
     * @param listener told of every step and evaluation of every job
     */
    public DjlTicketTrainer(Compute compute, Network network, DataSplit data, Normalisation norm, TrainSpec train,
                            TrainSpec fineTune, InitScheme init, TrainListener listener) {
        this.compute = Objects.requireNonNull(compute, "compute");
        this.network = Objects.requireNonNull(network, "network");
        this.data = Objects.requireNonNull(data, "data");
        this.norm = Objects.requireNonNull(norm, "norm");
        this.train = Objects.requireNonNull(train, "train");
        this.fineTune = Objects.requireNonNull(fineTune, "fineTune");
        this.init = Objects.requireNonNull(init, "init");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** @return T, the steps of one full TRAIN job */
    public long trainingSteps() {
        return train.totalSteps(data.train().size());
    }

    /** @return steps per epoch of the training set */
    public long iterationsPerEpoch() {
        return train.iterationsPerEpoch(data.train().size());
    }

    /** @return the network */
    public Network network() {
        return network;
    }

    @Override
    public List<String> prunableNames() {
        return network.prunableNames();
    }

    @Override
    public TensorSet initialWeights(long seed) {
        return Initialiser.initialise(network, seed, init);
    }

    @Override
    public TrainOutcome train(TrainRequest request) {
        TrainSpec base = request.phase() == TrainPhase.FINE_TUNE ? fineTune : train;
        TrainSpec spec = withSeed(base, request.dataSeed());
        MaskedTrainer trainer = new MaskedTrainer(compute, network, data, norm, spec);
        if (request.toStep() > trainer.totalSteps()) {
            throw new IllegalArgumentException("The job of level " + request.level() + " " + request.branch()
                    + " asks for " + request.toStep() + " steps but the " + request.phase()
                    + " training spec has only " + trainer.totalSteps() + "; make the IMP spec's step counts"
                    + " match the training spec.");
        }
        Checkpoint start = new Checkpoint(request.fromStep(), request.start().copy(),
                new OptimizerState(request.startOptimizer().updates(), request.startOptimizer().buffers()));
        OptionalLong capture = request.captureStep() >= 0 ? OptionalLong.of(request.captureStep()) : OptionalLong.empty();
        TrainResult r = trainer.train(start, request.masks(), request.toStep(), capture, listener);
        Map<String, Double> metrics = new LinkedHashMap<>();
        double accuracy = Double.NaN;
        double loss = Double.NaN;
        Optional<EpochMetrics> last = r.last();
        if (last.isPresent()) {
            metrics.put("trainLoss", last.get().trainLoss());
        }
        if (!r.diverged()) {
            if (last.isPresent() && last.get().step() == request.toStep()) {
                accuracy = last.get().testAccuracy();
                loss = last.get().testLoss();
            } else {
                var e = trainer.evaluate(r.weights(), request.masks(), data.test());
                accuracy = e.accuracy();
                loss = e.loss();
            }
        }
        metrics.put("earlyStopStep", (double) r.earlyStopStep());
        metrics.put("seconds", r.seconds());
        metrics.put("trainingMacs", r.trainingMacs());
        metrics.put("sparse", TrainResult.SPARSE.equals(r.engine()) ? 1.0 : 0.0);
        metrics.put("diverged", r.diverged() ? 1.0 : 0.0);
        r.divergedAtStep().ifPresent(s -> metrics.put("divergedAtStep", (double) s));
        for (EpochMetrics m : r.epochs()) {
            metrics.put("testAccuracy@" + m.step(), m.testAccuracy());
            metrics.put("testLoss@" + m.step(), m.testLoss());
        }
        TensorSet finalWeights = r.weights();
        Optional<TensorSet> captured = r.captured().map(Checkpoint::weights);
        Optional<OptimizerSnapshot> capturedOptimizer = r.captured().map(c -> snapshot(c.optimizer()));
        if (capture.isPresent() && captured.isEmpty()) {
            // A run that diverged before the capture step: report its last state as the capture.
            captured = Optional.of(finalWeights);
            capturedOptimizer = Optional.of(snapshot(r.finalState().optimizer()));
        }
        return new TrainOutcome(finalWeights, captured, accuracy, loss, metrics, capturedOptimizer);
    }

    private static OptimizerSnapshot snapshot(OptimizerState s) {
        return new OptimizerSnapshot(s.updates(), s.buffers());
    }

    private static TrainSpec withSeed(TrainSpec s, long seed) {
        return new TrainSpec(s.optimizer(), s.learningRate(), s.momentum(), s.nesterov(), s.beta1(), s.beta2(),
                s.epsilon(), s.weightDecay(), s.batchSize(), s.epochs(), s.iterations(), s.schedule(), s.milestones(),
                s.gamma(), s.warmupSteps(), seed, s.evalBatchSize(), s.checkInvariants(), s.augment());
    }
}
