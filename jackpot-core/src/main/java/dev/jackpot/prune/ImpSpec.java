package dev.jackpot.prune;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Settings of an iterative-magnitude-pruning run (weak-lth.md section 3.1), independent of the
 * engine that trains.
 *
 * @param levels        pruning levels after the dense level 0, non-negative
 * @param scope         GLOBAL (one rate over all eligible tensors) or LAYERWISE
 * @param rate          prune fraction p per level in (0, 1): the global rate or the default per-layer rate
 * @param layerRates    per-layer rates (LAYERWISE only), each in (0, 1); e.g. {@code {"fc3.weight": 0.1}}
 * @param excluded      prunable tensors never pruned (their masks stay all ones)
 * @param reset         how each level restarts ({@link ResetVariant})
 * @param rewindStep    k: 0 for REWIND_INIT and FINE_TUNE; in [0, T) for REWIND_TO_STEP and LR_REWIND
 * @param trainingSteps T, steps of one full training, positive
 * @param fineTuneSteps steps of fine-tuning per level: positive for FINE_TUNE, else 0
 * @param controls      control branches run at every level ≥ 1
 * @param seed          root seed; the initialisation, data order and controls derive from it by name
 * @param optimizerAtRewind the optimiser state at the rewind step under REWIND_TO_STEP: ZERO (fresh, OpenLTH;
 *                      the default) or RESTORE (level 0's state at step k, masked); must be ZERO otherwise
 * @param counting      how many weights a round removes: EXACT (the default), OPENLTH (GLOBAL) or LTH_TF
 *                      (LAYERWISE), see {@link CountingRule}
 */
public record ImpSpec(int levels, PruneScope scope, double rate, Map<String, Double> layerRates, Set<String> excluded,
                      ResetVariant reset, long rewindStep, long trainingSteps, long fineTuneSteps,
                      Set<Control> controls, long seed, OptimizerAtRewind optimizerAtRewind, CountingRule counting) {

    /**
     * @throws IllegalArgumentException with a full-sentence message naming the field and value
     */
    public ImpSpec {
        if (levels < 0) {
            throw new IllegalArgumentException("levels must be non-negative, got " + levels + ".");
        }
        if (scope == null || reset == null || layerRates == null || excluded == null || controls == null) {
            throw new IllegalArgumentException("scope, reset, layerRates, excluded and controls are required; "
                    + "use empty collections for none.");
        }
        layerRates = Map.copyOf(new TreeMap<>(layerRates));
        excluded = Set.copyOf(new TreeSet<>(excluded));
        controls = controls.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(controls));
        counting = counting == null ? CountingRule.EXACT : counting;
        // Validates the rates, scope, exclusions and counting rule with the strategy's own messages.
        new MagnitudePruneStrategy(scope, rate, layerRates, excluded, counting);
        if (trainingSteps < 1) {
            throw new IllegalArgumentException("trainingSteps must be positive, got " + trainingSteps + ".");
        }
        switch (reset) {
            case REWIND_INIT, FINE_TUNE -> {
                if (rewindStep != 0) {
                    throw new IllegalArgumentException("rewindStep must be 0 with reset " + reset + ", got " + rewindStep
                            + "; use REWIND_TO_STEP or LR_REWIND to restart from a later step.");
                }
            }
            case REWIND_TO_STEP, LR_REWIND -> {
                if (rewindStep < 0 || rewindStep >= trainingSteps) {
                    throw new IllegalArgumentException("rewindStep must be in [0, trainingSteps) = [0, " + trainingSteps
                            + ") with reset " + reset + ", got " + rewindStep + ".");
                }
            }
            default -> throw new IllegalStateException("unknown reset " + reset);
        }
        if (reset == ResetVariant.FINE_TUNE ? fineTuneSteps < 1 : fineTuneSteps != 0) {
            throw new IllegalArgumentException(reset == ResetVariant.FINE_TUNE
                    ? "fineTuneSteps must be positive with reset FINE_TUNE, got " + fineTuneSteps + "."
                    : "fineTuneSteps applies only to reset FINE_TUNE and must be 0 with " + reset + ", got "
                    + fineTuneSteps + ".");
        }
        optimizerAtRewind = optimizerAtRewind == null ? OptimizerAtRewind.ZERO : optimizerAtRewind;
        if (optimizerAtRewind == OptimizerAtRewind.RESTORE && reset != ResetVariant.REWIND_TO_STEP) {
            throw new IllegalArgumentException("optimizerAtRewind RESTORE applies only to reset REWIND_TO_STEP (the "
                    + "optimiser state saved at step k is restored with the weights of step k), got reset " + reset + ".");
        }
    }

    /** A spec with a fresh optimiser at the rewind step ({@link OptimizerAtRewind#ZERO}). */
    public ImpSpec(int levels, PruneScope scope, double rate, Map<String, Double> layerRates, Set<String> excluded,
                   ResetVariant reset, long rewindStep, long trainingSteps, long fineTuneSteps, Set<Control> controls,
                   long seed) {
        this(levels, scope, rate, layerRates, excluded, reset, rewindStep, trainingSteps, fineTuneSteps, controls, seed,
                OptimizerAtRewind.ZERO, CountingRule.EXACT);
    }

    /**
     * @param levels        pruning levels
     * @param rate          global prune fraction
     * @param trainingSteps T
     * @param seed          root seed
     * @return global magnitude pruning, rewind to init, no exclusions, no controls
     */
    public static ImpSpec of(int levels, double rate, long trainingSteps, long seed) {
        return new ImpSpec(levels, PruneScope.GLOBAL, rate, Map.of(), Set.of(), ResetVariant.REWIND_INIT, 0,
                trainingSteps, 0, Set.of(), seed);
    }

    /** @return this spec with layer-wise scope, default rate {@code rate} and the given overrides */
    public ImpSpec withLayerwise(double defaultRate, Map<String, Double> overrides) {
        return new ImpSpec(levels, PruneScope.LAYERWISE, defaultRate, overrides, excluded, reset, rewindStep,
                trainingSteps, fineTuneSteps, controls, seed, optimizerAtRewind, counting);
    }

    /** @return this spec with the given excluded tensors */
    public ImpSpec withExcluded(Set<String> names) {
        return new ImpSpec(levels, scope, rate, layerRates, names, reset, rewindStep, trainingSteps, fineTuneSteps,
                controls, seed, optimizerAtRewind, counting);
    }

    /** @return this spec with the given reset variant and rewind step (fine-tuning steps 0) */
    public ImpSpec withReset(ResetVariant variant, long step) {
        return new ImpSpec(levels, scope, rate, layerRates, excluded, variant, step, trainingSteps, 0, controls, seed,
                optimizerAtRewind, counting);
    }

    /** @return this spec with fine-tuning for the given number of steps per level */
    public ImpSpec withFineTune(long steps) {
        return new ImpSpec(levels, scope, rate, layerRates, excluded, ResetVariant.FINE_TUNE, 0, trainingSteps, steps,
                controls, seed, OptimizerAtRewind.ZERO, counting);
    }

    /** @return this spec with the given controls */
    public ImpSpec withControls(Set<Control> set) {
        return new ImpSpec(levels, scope, rate, layerRates, excluded, reset, rewindStep, trainingSteps, fineTuneSteps,
                set, seed, optimizerAtRewind, counting);
    }

    /** @return this spec with a different number of levels */
    public ImpSpec withLevels(int n) {
        return new ImpSpec(n, scope, rate, layerRates, excluded, reset, rewindStep, trainingSteps, fineTuneSteps,
                controls, seed, optimizerAtRewind, counting);
    }

    /** @return this spec with the given optimiser state at the rewind step */
    public ImpSpec withOptimizerAtRewind(OptimizerAtRewind o) {
        return new ImpSpec(levels, scope, rate, layerRates, excluded, reset, rewindStep, trainingSteps, fineTuneSteps,
                controls, seed, o, counting);
    }

    /** @return this spec with the given counting rule */
    public ImpSpec withCounting(CountingRule rule) {
        return new ImpSpec(levels, scope, rate, layerRates, excluded, reset, rewindStep, trainingSteps, fineTuneSteps,
                controls, seed, optimizerAtRewind, rule);
    }

    /** @return the magnitude strategy this spec prunes with */
    public MagnitudePruneStrategy strategy() {
        return new MagnitudePruneStrategy(scope, rate, layerRates, excluded, counting);
    }
}
