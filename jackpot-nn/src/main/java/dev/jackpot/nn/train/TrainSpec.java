package dev.jackpot.nn.train;

import dev.jackpot.check.Checks;
import dev.jackpot.nn.data.Augmentation;

import java.util.List;
import java.util.Objects;

/**
 * How to train: optimiser, learning rate and schedule, weight decay, batch size, length, data-order
 * seed, evaluation batch size and whether to check the masking invariant after every step.
 *
 * <p>Length is given either in epochs or in iterations (exactly one positive). An epoch is
 * {@code ceil(N / batchSize)} iterations, the last batch of an epoch possibly smaller. Steps are
 * counted from 0 across epochs; step t uses epoch {@code t / ipe}'s order (seed
 * {@code Seeds.derive(seed, "data-order", epoch)}), batch {@code t % ipe}, and learning rate
 * {@link LrSchedule#at(long)}. With {@code augment} other than NONE, step t's training batch is
 * augmented per example from {@code Seeds.derive(seed, "augment", t)} ({@link Augmentation});
 * evaluation never is.
 *
 * @param optimizer       SGD or Adam
 * @param learningRate    base learning rate, positive
 * @param momentum        SGD momentum in [0, 1); 0 for Adam
 * @param nesterov        Nesterov momentum (SGD with momentum &gt; 0 only)
 * @param beta1           Adam's beta1 in [0, 1)
 * @param beta2           Adam's beta2 in [0, 1)
 * @param epsilon         Adam's epsilon, positive
 * @param weightDecay     coupled L2 coefficient lambda, non-negative (applied to every trainable tensor, as OpenLTH)
 * @param batchSize       examples per step, positive
 * @param epochs          training length in epochs, or 0 when {@code iterations} is given
 * @param iterations      training length in steps, or 0 when {@code epochs} is given
 * @param schedule        the schedule
 * @param milestones      steps at which STEP multiplies by gamma, ascending, positive (empty otherwise)
 * @param gamma           STEP factor in (0, 1]
 * @param warmupSteps     linear warm-up length in steps, non-negative
 * @param seed            root seed of the data order
 * @param evalBatchSize   examples per evaluation batch, positive
 * @param checkInvariants verify after every step that masked weights and optimiser state are exactly zero
 * @param augment         training-time augmentation of each step's batch (NONE, the default, or FLIP_CROP)
 */
public record TrainSpec(OptimizerKind optimizer, double learningRate, double momentum, boolean nesterov,
                        double beta1, double beta2, double epsilon, double weightDecay, int batchSize,
                        int epochs, long iterations, ScheduleKind schedule, List<Long> milestones, double gamma,
                        long warmupSteps, long seed, int evalBatchSize, boolean checkInvariants,
                        Augmentation augment) {

    public TrainSpec {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(augment, "augment");
        Checks.positive("learningRate", learningRate);
        Checks.nonNegative("momentum", momentum);
        if (momentum >= 1) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (optimizer == OptimizerKind.ADAM && momentum != 0) {
            throw new IllegalArgumentException("momentum is an SGD setting; Adam uses beta1 and beta2, got momentum " + momentum);
        }
        if (nesterov && (optimizer != OptimizerKind.SGD || momentum == 0)) {
            throw new IllegalArgumentException("nesterov needs SGD with momentum > 0, got " + optimizer + " with momentum " + momentum);
        }
        Checks.nonNegative("beta1", beta1);
        Checks.nonNegative("beta2", beta2);
        if (beta1 >= 1 || beta2 >= 1) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        Checks.positive("epsilon", epsilon);
        Checks.nonNegative("weightDecay", weightDecay);
        Checks.positive("batchSize", batchSize);
        if (epochs < 0 || iterations < 0 || (epochs > 0) == (iterations > 0)) {
            throw new IllegalArgumentException("Exactly one of epochs and iterations must be positive, got epochs "
                    + epochs + " and iterations " + iterations);
        }
        milestones = List.copyOf(milestones);
        long prev = 0;
        for (long m : milestones) {
            if (m <= prev) {
                throw new IllegalArgumentException("milestones must be positive and strictly ascending, got " + milestones);
            }
            prev = m;
        }
        if (schedule != ScheduleKind.STEP && !milestones.isEmpty()) {
            throw new IllegalArgumentException("milestones apply to the STEP schedule only, got " + milestones + " with " + schedule);
        }
        Checks.positive("gamma", gamma);
        if (gamma > 1) {
            throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be non-negative, got " + warmupSteps);
        }
        Checks.positive("evalBatchSize", evalBatchSize);
    }

    /**
     * Plain SGD at a constant learning rate.
     *
     * @param learningRate the learning rate
     * @param batchSize    the batch size
     * @param epochs       epochs
     * @param seed         root seed of the data order
     * @return the spec
     */
    public static TrainSpec sgd(double learningRate, int batchSize, int epochs, long seed) {
        return new TrainSpec(OptimizerKind.SGD, learningRate, 0, false, 0.9, 0.999, 1e-8, 0, batchSize, epochs, 0,
                ScheduleKind.CONSTANT, List.of(), 1, 0, seed, 1000, false, Augmentation.NONE);
    }

    /**
     * Adam with PyTorch's betas (0.9, 0.999) and epsilon 1e-8 at a constant learning rate
     * (Frankle and Carbin's LeNet: lr 1.2e-3, batch 60).
     *
     * @return the spec
     */
    public static TrainSpec adam(double learningRate, int batchSize, int epochs, long seed) {
        return new TrainSpec(OptimizerKind.ADAM, learningRate, 0, false, 0.9, 0.999, 1e-8, 0, batchSize, epochs, 0,
                ScheduleKind.CONSTANT, List.of(), 1, 0, seed, 1000, false, Augmentation.NONE);
    }

    /** @return this spec with SGD momentum {@code mu}, Nesterov or heavy ball */
    public TrainSpec withMomentum(double mu, boolean useNesterov) {
        return new TrainSpec(optimizer, learningRate, mu, useNesterov, beta1, beta2, epsilon, weightDecay, batchSize,
                epochs, iterations, schedule, milestones, gamma, warmupSteps, seed, evalBatchSize, checkInvariants, augment);
    }

    /** @return this spec with weight decay {@code lambda} */
    public TrainSpec withWeightDecay(double lambda) {
        return new TrainSpec(optimizer, learningRate, momentum, nesterov, beta1, beta2, epsilon, lambda, batchSize,
                epochs, iterations, schedule, milestones, gamma, warmupSteps, seed, evalBatchSize, checkInvariants, augment);
    }

    /** @return this spec with a step schedule */
    public TrainSpec withStepSchedule(List<Long> steps, double factor) {
        return new TrainSpec(optimizer, learningRate, momentum, nesterov, beta1, beta2, epsilon, weightDecay, batchSize,
                epochs, iterations, ScheduleKind.STEP, steps, factor, warmupSteps, seed, evalBatchSize, checkInvariants, augment);
    }

    /** @return this spec with a cosine schedule */
    public TrainSpec withCosineSchedule() {
        return new TrainSpec(optimizer, learningRate, momentum, nesterov, beta1, beta2, epsilon, weightDecay, batchSize,
                epochs, iterations, ScheduleKind.COSINE, List.of(), 1, warmupSteps, seed, evalBatchSize, checkInvariants, augment);
    }

    /** @return this spec with a linear warm-up over {@code steps} */
    public TrainSpec withWarmup(long steps) {
        return new TrainSpec(optimizer, learningRate, momentum, nesterov, beta1, beta2, epsilon, weightDecay, batchSize,
                epochs, iterations, schedule, milestones, gamma, steps, seed, evalBatchSize, checkInvariants, augment);
    }

    /** @return this spec with its length in iterations */
    public TrainSpec withIterations(long steps) {
        return new TrainSpec(optimizer, learningRate, momentum, nesterov, beta1, beta2, epsilon, weightDecay, batchSize,
                0, steps, schedule, milestones, gamma, warmupSteps, seed, evalBatchSize, checkInvariants, augment);
    }

    /** @return this spec with its length in epochs */
    public TrainSpec withEpochs(int count) {
        return new TrainSpec(optimizer, learningRate, momentum, nesterov, beta1, beta2, epsilon, weightDecay, batchSize,
                count, 0, schedule, milestones, gamma, warmupSteps, seed, evalBatchSize, checkInvariants, augment);
    }

    /** @return this spec with the invariant check on or off */
    public TrainSpec withCheckInvariants(boolean on) {
        return new TrainSpec(optimizer, learningRate, momentum, nesterov, beta1, beta2, epsilon, weightDecay, batchSize,
                epochs, iterations, schedule, milestones, gamma, warmupSteps, seed, evalBatchSize, on, augment);
    }

    /** @return this spec with training-time augmentation {@code a} */
    public TrainSpec withAugment(Augmentation a) {
        return new TrainSpec(optimizer, learningRate, momentum, nesterov, beta1, beta2, epsilon, weightDecay, batchSize,
                epochs, iterations, schedule, milestones, gamma, warmupSteps, seed, evalBatchSize, checkInvariants, a);
    }

    /**
     * @param trainSize N, the number of training examples
     * @return steps per epoch, {@code ceil(N / batchSize)}
     */
    public long iterationsPerEpoch(int trainSize) {
        Checks.positive("trainSize", trainSize);
        return (trainSize + (long) batchSize - 1) / batchSize;
    }

    /**
     * @param trainSize N
     * @return the total number of steps T
     */
    public long totalSteps(int trainSize) {
        return iterations > 0 ? iterations : epochs * iterationsPerEpoch(trainSize);
    }
}
