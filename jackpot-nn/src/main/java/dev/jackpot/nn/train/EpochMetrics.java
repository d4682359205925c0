package dev.jackpot.nn.train;

/**
 * Metrics at an evaluation point: the end of an epoch, or the last step of a run that stops
 * mid-epoch. Losses are mean cross-entropy; accuracies are fractions in [0, 1]; validation fields
 * are NaN when the run has no validation set.
 *
 * @param epoch              the epoch the step belongs to, from 0 ({@code (step - 1) / ipe})
 * @param step               steps completed
 * @param learningRate       learning rate of the last step
 * @param trainLoss          mean minibatch loss over the steps of this epoch run since the previous evaluation
 * @param validationLoss     validation loss, or NaN
 * @param validationAccuracy validation accuracy, or NaN
 * @param testLoss           test loss
 * @param testAccuracy       test accuracy
 * @param seconds            wall-clock seconds since the run started
 */
public record EpochMetrics(int epoch, long step, double learningRate, double trainLoss, double validationLoss,
                           double validationAccuracy, double testLoss, double testAccuracy, double seconds) {
}
