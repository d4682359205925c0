package dev.jackpot.nn.train;

import dev.jackpot.nn.data.EpochOrder;

import java.util.OptionalLong;

/**
 * The minibatch loop that masked training ({@link MaskedTrainer}), edge-popup and projected SGD share;
 * each supplies its update rule as a {@link Stepper}.
 *
 * <p>Step t (from 0) trains on examples {@code order[lo, hi)} of the permutation of epoch
 * {@code e = t / ipe}, {@code ipe = ceil(n / B)} steps per epoch, {@code lo = (t mod ipe) B},
 * {@code hi = min(n, lo + B)}, {@code order = EpochOrder.permutation(seed, e, n)}, at the learning
 * rate {@code LrSchedule.at(t)} of the spec's schedule over the run's total steps. So the batches and
 * learning rates of step t depend only on {@code (seed, t)}: a run from step k sees what steps k.. of a
 * run from 0 saw. A non-finite minibatch loss stops the loop before step t's update (the stepper must
 * not update then) and is reported as the divergence step. An epoch ends after every {@code ipe}-th
 * step and after the last; the observer then gets the mean minibatch loss of that epoch's steps.
 */
public final class StepLoop {

    /** One method's training step. */
    public interface Stepper {
        /**
         * Forward, backward and update on one minibatch.
         *
         * @param t     the step, from 0
         * @param order the epoch's permutation of the training examples
         * @param lo    first position in {@code order} (inclusive)
         * @param hi    last position (exclusive)
         * @param lr    the learning rate of step t
         * @return the minibatch loss; when it is not finite the stepper must leave the parameters unchanged
         */
        double step(long t, int[] order, int lo, int hi, double lr);
    }

    /** What the loop reports; both callbacks default to nothing. */
    public interface Observer {
        /**
         * @param completed steps done, {@code t + 1}
         * @param total     the step the loop stops at
         * @param loss      the step's minibatch loss (finite)
         */
        default void afterStep(long completed, long total, double loss) {
        }

        /**
         * @param epoch     the epoch just finished, from 0
         * @param completed steps done
         * @param lr        the learning rate of its last step
         * @param meanLoss  mean minibatch loss of its steps in this run
         */
        default void afterEpoch(int epoch, long completed, double lr, double meanLoss) {
        }
    }

    /**
     * @param completed the steps done when the loop stopped
     * @param diverged  the step whose loss was not finite, or empty
     */
    public record Outcome(long completed, OptionalLong diverged) {
    }

    private final long seed;
    private final int n;
    private final int batch;
    private final long ipe;
    private final LrSchedule schedule;

    /**
     * @param spec  batch size, data-order seed and learning-rate schedule
     * @param n     training examples
     * @param total the run's total steps T, over which the schedule is laid out
     */
    public StepLoop(TrainSpec spec, int n, long total) {
        this.seed = spec.seed();
        this.n = n;
        this.batch = spec.batchSize();
        this.ipe = spec.iterationsPerEpoch(n);
        this.schedule = new LrSchedule(spec, total);
    }

    /** @return steps per epoch */
    public long iterationsPerEpoch() {
        return ipe;
    }

    /**
     * Runs steps {@code from} to {@code to - 1}.
     *
     * @param from     the first step
     * @param to       the step to stop at
     * @param stepper  the update rule
     * @param observer progress
     * @return where the loop stopped
     */
    public Outcome run(long from, long to, Stepper stepper, Observer observer) {
        long cachedEpoch = -1;
        int[] order = null;
        double lossSum = 0;
        int lossCount = 0;
        long completed = from;
        for (long t = from; t < to; t++) {
            long epoch = t / ipe;
            if (epoch != cachedEpoch) {
                order = EpochOrder.permutation(seed, epoch, n);
                cachedEpoch = epoch;
            }
            int lo = (int) ((t % ipe) * batch);
            int hi = Math.min(n, lo + batch);
            double lr = schedule.at(t);
            double loss = stepper.step(t, order, lo, hi, lr);
            if (!Double.isFinite(loss)) {
                return new Outcome(completed, OptionalLong.of(t));
            }
            completed = t + 1;
            lossSum += loss;
            lossCount++;
            observer.afterStep(completed, to, loss);
            if (completed % ipe == 0 || completed == to) {
                observer.afterEpoch((int) ((completed - 1) / ipe), completed, lr, lossSum / lossCount);
                lossSum = 0;
                lossCount = 0;
            }
        }
        return new Outcome(completed, OptionalLong.empty());
    }
}
