package dev.jackpot.prune;

import dev.jackpot.tensor.TensorSet;

import java.util.Set;

/**
 * One-shot magnitude pruning to a target density: keep the {@code round(d·N)} largest {@code |w|}
 * over the eligible tensors (GLOBAL) or in each tensor (LAYERWISE), in one step. The baseline
 * against iterative pruning (devinkwok/open_lth {@code one_shot}; Frankle and Carbin, ICLR 2019, Fig. 4).
 *
 * @param scope    GLOBAL or LAYERWISE
 * @param density  target density d in (0, 1]
 * @param excluded tensors never pruned
 */
public record OneShotPruneStrategy(PruneScope scope, double density, Set<String> excluded) implements PruningStrategy {

    /**
     * @throws IllegalArgumentException if the density is outside (0, 1] or the scope is missing
     */
    public OneShotPruneStrategy {
        new ScorePruneStrategy(scope, density, excluded, false);
        excluded = Set.copyOf(excluded);
    }

    @Override
    public PruneResult prune(TensorSet weights, TensorSet masks) {
        Masks.validate(masks);
        Masks.validateAgainst(masks, weights);
        return new ScorePruneStrategy(scope, density, excluded, false)
                .prune(MagnitudePruneStrategy.magnitudes(weights, masks), masks);
    }
}
