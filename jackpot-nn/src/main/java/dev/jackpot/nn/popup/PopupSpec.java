package dev.jackpot.nn.popup;

import dev.jackpot.nn.data.Augmentation;
import dev.jackpot.nn.train.OptimizerKind;
import dev.jackpot.nn.train.TrainSpec;

import java.util.Objects;

/**
 * An edge-popup search: the fraction {@code k} of weights KEPT in every prunable layer, whether scores
 * rank by absolute value, and how the scores are trained (SGD with momentum, weight decay on the
 * scores, the schedule and length of {@code train}; Ramanujan et al. use lr 0.1, momentum 0.9, weight
 * decay 5e-4 and a cosine schedule).
 *
 * @param keep      fraction of weights kept in every prunable layer, in (0, 1]
 * @param absScores rank by |s| and back-propagate through |.| (hidden-networks' default); otherwise rank by s
 * @param train     optimiser of the scores; must be SGD, without augmentation
 */
public record PopupSpec(double keep, boolean absScores, TrainSpec train) {

    public PopupSpec {
        Objects.requireNonNull(train, "train");
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("The kept fraction k must be in (0, 1], got " + keep + ".");
        }
        if (train.optimizer() != OptimizerKind.SGD) {
            throw new IllegalArgumentException("Edge-popup trains its scores with SGD, got " + train.optimizer() + ".");
        }
        if (train.augment() != Augmentation.NONE) {
            throw new IllegalArgumentException("Edge-popup does not augment its training batches; set augment to "
                    + "NONE, got " + train.augment() + ".");
        }
    }

    /**
     * The paper's settings: SGD lr 0.1, momentum 0.9, weight decay 5e-4, cosine, absolute scores.
     *
     * @param keep      fraction kept
     * @param batchSize examples per step
     * @param epochs    epochs
     * @param seed      data-order seed
     * @return the spec
     */
    public static PopupSpec paper(double keep, int batchSize, int epochs, long seed) {
        TrainSpec t = TrainSpec.sgd(0.1, batchSize, epochs, seed).withMomentum(0.9, false).withWeightDecay(5e-4)
                .withCosineSchedule();
        return new PopupSpec(keep, true, t);
    }

    /** @return the same search with another kept fraction */
    public PopupSpec withKeep(double k) {
        return new PopupSpec(k, absScores, train);
    }
}
