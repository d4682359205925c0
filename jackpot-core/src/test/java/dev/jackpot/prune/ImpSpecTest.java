package dev.jackpot.prune;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImpSpecTest {

    private static void rejects(String fragment, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().endsWith("."), "full sentence: " + e.getMessage());
    }

    @Test
    void validatesEveryField() {
        ImpSpec ok = ImpSpec.of(3, 0.2, 100, 1);
        rejects("levels must be non-negative", () -> ImpSpec.of(-1, 0.2, 100, 1));
        rejects("rate must be a fraction in (0, 1), got 1.0", () -> ImpSpec.of(3, 1.0, 100, 1));
        rejects("got NaN", () -> ImpSpec.of(3, Double.NaN, 100, 1));
        rejects("trainingSteps must be positive", () -> ImpSpec.of(3, 0.2, 0, 1));
        rejects("apply only to LAYERWISE", () -> new ImpSpec(3, PruneScope.GLOBAL, 0.2, Map.of("a", 0.1), Set.of(),
                ResetVariant.REWIND_INIT, 0, 100, 0, Set.of(), 1));
        rejects("The rate of a must be", () -> ok.withLayerwise(0.2, Map.of("a", -0.1)));
        rejects("both excluded and given a prune rate", () -> ok.withExcluded(Set.of("a")).withLayerwise(0.2, Map.of("a", 0.1)));
        rejects("rewindStep must be 0 with reset REWIND_INIT", () -> ok.withReset(ResetVariant.REWIND_INIT, 5));
        rejects("rewindStep must be in [0, trainingSteps)", () -> ok.withReset(ResetVariant.REWIND_TO_STEP, 100));
        rejects("rewindStep must be in [0, trainingSteps)", () -> ok.withReset(ResetVariant.LR_REWIND, -1));
        rejects("fineTuneSteps must be positive", () -> ok.withFineTune(0));
        rejects("fineTuneSteps applies only to reset FINE_TUNE", () -> new ImpSpec(3, PruneScope.GLOBAL, 0.2, Map.of(),
                Set.of(), ResetVariant.REWIND_INIT, 0, 100, 5, Set.of(), 1));
        rejects("required", () -> new ImpSpec(3, null, 0.2, Map.of(), Set.of(), ResetVariant.REWIND_INIT, 0, 100, 0,
                Set.of(), 1));
        assertEquals(ResetVariant.REWIND_TO_STEP, ok.withReset(ResetVariant.REWIND_TO_STEP, 99).reset());
    }
}
