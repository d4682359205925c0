package dev.jackpot.nn.popup;

import dev.jackpot.nn.train.Evaluation;
import dev.jackpot.tensor.TensorSet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of one edge-popup search.
 *
 * @param keep         fraction kept in every prunable layer
 * @param keptCounts   weights kept per prunable layer ({@code round(k * n)})
 * @param masks        the final supermasks (0/1), by prunable parameter name
 * @param scores       the final scores
 * @param weightsAfter the frozen weights read back from the engine after training (bit-identical to the input)
 * @param validation   the masked network on the validation set, when the split has one
 * @param test         the masked network on the test set
 * @param epochLoss    mean training loss of each epoch
 * @param diverged     the step whose loss was not finite, which ended the run, or empty
 * @param seconds      wall time
 */
public record PopupResult(double keep, Map<String, Integer> keptCounts, TensorSet masks, TensorSet scores,
                          TensorSet weightsAfter, Optional<Evaluation> validation, Evaluation test,
                          List<Double> epochLoss, OptionalLong diverged, double seconds) {

    public PopupResult {
        keptCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keptCounts));
        epochLoss = List.copyOf(epochLoss);
    }
}
