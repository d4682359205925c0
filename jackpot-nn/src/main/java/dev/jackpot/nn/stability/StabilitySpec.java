package dev.jackpot.nn.stability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.lottery.Lottery;
import dev.jackpot.nn.lottery.LotterySpec;

import java.util.List;
import java.util.Objects;

/**
 * Instability analysis (Frankle, Dziugaite, Roy, Carbin, ICML 2020) of a lottery run's networks: for
 * each replicate, IMP level (0 = dense) and rewinding step k, the dense network is trained from its
 * initialisation to step k, the level's mask is applied, two copies are trained from there to the end
 * with different data orders, and the test error is evaluated along the straight line between them.
 *
 * @param lottery     the lottery run whose initialisations and masks are used (run or resumed first)
 * @param levels      IMP levels to analyse, distinct, each in {@code [0, lottery.levels()]}
 * @param ks          rewinding steps, distinct, non-negative (checked against the run's length when it runs)
 * @param replicates  the lottery's first {@code replicates} replicates, in {@code [1, lottery.replicates()]}
 * @param points      intervals of the path, at least 1: errors at {@code points + 1} evenly spaced alphas
 *                    (Frankle et al. use 30)
 * @param stableBelow a network is called stable when its error barrier is below this many points (the
 *                    paper's 2%); an analysis setting, not part of the run id
 */
public record StabilitySpec(LotterySpec lottery, List<Integer> levels, List<Long> ks, int replicates, int points,
                            double stableBelow) {

    public StabilitySpec {
        Objects.requireNonNull(lottery, "lottery");
        levels = List.copyOf(levels);
        ks = List.copyOf(ks);
        if (levels.isEmpty() || ks.isEmpty()) {
            throw new IllegalArgumentException("Stability needs at least one level and one rewinding step k.");
        }
        if (levels.stream().distinct().count() != levels.size() || ks.stream().distinct().count() != ks.size()) {
            throw new IllegalArgumentException("Each level and each k is listed once, got " + levels + " and " + ks + ".");
        }
        for (int l : levels) {
            if (l < 0 || l > lottery.levels()) {
                throw new IllegalArgumentException("Level " + l + " is not one of the lottery's levels 0.."
                        + lottery.levels() + ".");
            }
        }
        for (long k : ks) {
            if (k < 0) {
                throw new IllegalArgumentException("A rewinding step k must be non-negative, got " + k + ".");
            }
        }
        if (replicates < 1 || replicates > lottery.replicates()) {
            throw new IllegalArgumentException("replicates must lie in [1, " + lottery.replicates() + "] (the lottery's), "
                    + "got " + replicates + ".");
        }
        if (points < 1) {
            throw new IllegalArgumentException("points must be at least 1, got " + points + ".");
        }
        if (!(stableBelow > 0 && stableBelow <= 100)) {
            throw new IllegalArgumentException("stableBelow is an error barrier in points and must lie in (0, 100], got "
                    + stableBelow + ".");
        }
    }

    /** @return what is hashed into the study's run id: the lottery's id and the grid (no analysis thresholds) */
    public ObjectNode toJson() {
        ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("lottery", Lottery.id(lottery).toString());
        ArrayNode l = o.putArray("levels");
        levels.forEach(l::add);
        ArrayNode k = o.putArray("ks");
        ks.forEach(k::add);
        o.put("replicates", replicates);
        o.put("points", points);
        return o;
    }
}
