package dev.jackpot.nn.pai;

import dev.jackpot.prune.CountingRule;
import dev.jackpot.prune.PruneScope;

/**
 * How to prune at initialisation.
 *
 * @param method           SNIP, GRASP, SYNFLOW, MAGNITUDE or RANDOM
 * @param density          fraction d in (0, 1] of prunable weights kept
 * @param scope            GLOBAL (the references) or LAYERWISE
 * @param rounds           SynFlow rounds n (default 100): round r prunes to {@code d^(r/n)}
 * @param batch            SNIP minibatch size (100 in the reference for MNIST)
 * @param samplesPerClass  GraSP examples per class, split into two halves (reference default 25; 10 in the CIFAR configs)
 * @param temperature      GraSP temperature T (200): logits / T in its losses
 * @param seed             root seed of every draw (SNIP's batch, GraSP's samples, the random baseline)
 * @param counting         how many weights to keep: EXACT ({@code round(d·N)}, the default) or a reference's
 *                         rule, SYNFLOW, SNIP or GRASP ({@link CountingRule}; N counts the prunable weights only)
 * @param redrawXavier     GraSP only: score a copy whose Conv and Linear weights are re-drawn Xavier (Glorot)
 *                         normal from {@code Seeds.derive(seed, "grasp-xavier")}, as the reference does, and apply
 *                         the mask to the original; false (the default) scores the init that is trained
 * @param scoreOnTrainedInit SNIP only: true (the default) computes the mask on the init that is then trained;
 *                         false is the reference's behaviour: the mask of the given draw is applied to a separate
 *                         draw (seed {@code Seeds.derive(seed, "snip-train-init")}) with every bias zero
 */
public record PruneAtInitSpec(PaiMethod method, double density, PruneScope scope, int rounds, int batch,
                              int samplesPerClass, double temperature, long seed, CountingRule counting,
                              boolean redrawXavier, boolean scoreOnTrainedInit) {

    /** SynFlow's default number of rounds. */
    public static final int DEFAULT_ROUNDS = 100;

    /**
     * @throws IllegalArgumentException if a value is missing or out of range
     */
    public PruneAtInitSpec {
        if (method == null) {
            throw new IllegalArgumentException("A pruning-at-initialisation method is required (snip, grasp, synflow, magnitude or random).");
        }
        if (scope == null) {
            throw new IllegalArgumentException("The pruning scope is required (GLOBAL or LAYERWISE).");
        }
        if (!(density > 0 && density <= 1)) {
            throw new IllegalArgumentException("The density must be in (0, 1], got " + density + ".");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("SynFlow needs at least one round, got " + rounds + ".");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("The SNIP batch size must be positive, got " + batch + ".");
        }
        if (samplesPerClass < 2) {
            throw new IllegalArgumentException("GraSP needs at least 2 samples per class (two halves), got " + samplesPerClass + ".");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("The GraSP temperature must be positive and finite, got " + temperature + ".");
        }
        counting = counting == null ? CountingRule.EXACT : counting;
        if (!counting.forDensity()) {
            throw new IllegalArgumentException("Counting rule " + counting + " counts IMP rounds; pruning at "
                    + "initialisation uses EXACT, SYNFLOW, SNIP or GRASP.");
        }
        if (redrawXavier && method != PaiMethod.GRASP) {
            throw new IllegalArgumentException("redrawXavier applies to GraSP only (its reference re-draws the weights "
                    + "it scores), not to " + method + ".");
        }
        if (!scoreOnTrainedInit && method != PaiMethod.SNIP) {
            throw new IllegalArgumentException("scoreOnTrainedInit = false applies to SNIP only (its reference trains a "
                    + "separate draw under the mask), not to " + method + ".");
        }
    }

    /** Exact counts, the init that is scored is trained. */
    public PruneAtInitSpec(PaiMethod method, double density, PruneScope scope, int rounds, int batch,
                           int samplesPerClass, double temperature, long seed) {
        this(method, density, scope, rounds, batch, samplesPerClass, temperature, seed, CountingRule.EXACT);
    }

    /** The given counting rule; the init that is scored is trained. */
    public PruneAtInitSpec(PaiMethod method, double density, PruneScope scope, int rounds, int batch,
                           int samplesPerClass, double temperature, long seed, CountingRule counting) {
        this(method, density, scope, rounds, batch, samplesPerClass, temperature, seed, counting, false, true);
    }

    /**
     * The reference settings: global scope, 100 SynFlow rounds, SNIP batch 100, GraSP 10 samples per class at T = 200.
     *
     * @param method  the method
     * @param density the density
     * @param seed    the root seed
     * @return the spec
     */
    public static PruneAtInitSpec of(PaiMethod method, double density, long seed) {
        return new PruneAtInitSpec(method, density, PruneScope.GLOBAL, DEFAULT_ROUNDS, 100, 10, 200, seed);
    }

    /** @return this spec with another scope */
    public PruneAtInitSpec withScope(PruneScope s) {
        return new PruneAtInitSpec(method, density, s, rounds, batch, samplesPerClass, temperature, seed, counting,
                redrawXavier, scoreOnTrainedInit);
    }

    /** @return this spec with another number of SynFlow rounds */
    public PruneAtInitSpec withRounds(int n) {
        return new PruneAtInitSpec(method, density, scope, n, batch, samplesPerClass, temperature, seed, counting,
                redrawXavier, scoreOnTrainedInit);
    }

    /** @return this spec with another counting rule */
    public PruneAtInitSpec withCounting(CountingRule c) {
        return new PruneAtInitSpec(method, density, scope, rounds, batch, samplesPerClass, temperature, seed, c,
                redrawXavier, scoreOnTrainedInit);
    }

    /** @return this spec with GraSP's Xavier re-draw of the scored copy on or off */
    public PruneAtInitSpec withRedrawXavier(boolean on) {
        return new PruneAtInitSpec(method, density, scope, rounds, batch, samplesPerClass, temperature, seed, counting,
                on, scoreOnTrainedInit);
    }

    /** @return this spec with SNIP scoring the trained init (true) or a separate draw being trained (false) */
    public PruneAtInitSpec withScoreOnTrainedInit(boolean on) {
        return new PruneAtInitSpec(method, density, scope, rounds, batch, samplesPerClass, temperature, seed, counting,
                redrawXavier, on);
    }
}
