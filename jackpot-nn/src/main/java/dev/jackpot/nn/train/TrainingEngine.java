package dev.jackpot.nn.train;

import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.ImageTransform;

/**
 * The state of one {@link MaskedTrainer} run on one engine (libtorch's dense kernels, or the sparse
 * engine); the trainer drives the step loop, evaluations, captures and the result around it.
 */
interface TrainingEngine extends AutoCloseable {

    /** @return {@link TrainResult#DENSE} or {@link TrainResult#SPARSE} */
    String name();

    /** @return multiply-adds the engine executes per training example */
    long trainingMacsPerExample();

    /**
     * Forward, backward and masked update on examples {@code order[lo, hi)}.
     *
     * @return the minibatch loss; when it is not finite nothing was updated
     */
    double step(ImageDataset train, int[] order, int lo, int hi, ImageTransform[] transforms, double lr);

    /**
     * @param step the steps completed
     * @throws InvariantViolationException if a masked weight or buffer entry is not exactly zero
     */
    void checkInvariants(long step);

    /** @return loss and accuracy of the current weights, in evaluation mode */
    Evaluation evaluate(ImageDataset on);

    /** @return weights, masked +0.0, and optimiser state after {@code step} steps */
    Checkpoint snapshot(long step);

    @Override
    void close();
}
