package dev.jackpot.prune;

import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** LeNet-300-100 at 20% hidden / 10% output (Frankle and Carbin 2019; weak-lth.md 3.1). */
class DensityScheduleTest {

    static final Map<String, Long> SIZES = new LinkedHashMap<>();
    static final Map<String, Double> RATES = new LinkedHashMap<>();

    static {
        SIZES.put("fc1.weight", 235_200L);
        SIZES.put("fc2.weight", 30_000L);
        SIZES.put("fc3.weight", 1_000L);
        RATES.put("fc1.weight", 0.2);
        RATES.put("fc2.weight", 0.2);
        RATES.put("fc3.weight", 0.1);
    }

    @Test
    void closedFormMatchesThePaperTable() {
        int[] n = {3, 7, 12, 15, 18};
        double[] pm = {0.513, 0.211, 0.070, 0.036, 0.019};
        for (int i = 0; i < n.length; i++) {
            assertEquals(pm[i], DensitySchedule.closedForm(SIZES, RATES, n[i]), 0.0005, "n = " + n[i]);
        }
        Map<String, Long> one = Map.of("a", 100L);
        assertEquals(Math.pow(0.8, 8), DensitySchedule.closedForm(one, Map.of("a", 0.2), 8), 1e-15);
    }

    @Test
    void exactCountsFollowTheCeilRuleAndStayCloseToTheClosedForm() {
        for (int n = 0; n <= 18; n++) {
            Map<String, Long> kept = DensitySchedule.exactCounts(SIZES, RATES, n);
            long total = 0;
            for (String layer : SIZES.keySet()) {
                long expect = SIZES.get(layer);
                BigDecimal p = new BigDecimal(RATES.get(layer).toString());
                for (int r = 0; r < n; r++) {
                    expect -= p.multiply(BigDecimal.valueOf(expect)).setScale(0, RoundingMode.CEILING).longValueExact();
                }
                assertEquals(expect, kept.get(layer), layer + " after " + n);
                total += expect;
            }
            double closed = DensitySchedule.closedForm(SIZES, RATES, n);
            // ceil removes at most one extra weight per layer and round
            assertEquals(closed, total / 266_200.0, 3.0 * n / 266_200.0 + 1e-12, "n = " + n);
        }
        assertEquals(136_511L, DensitySchedule.exactCounts(SIZES, RATES, 3).values().stream().mapToLong(x -> x).sum());
    }

    @Test
    void strategyAchievesTheScheduleCountsOnLenetSizedTensors() {
        TensorSet w = TensorSet.of(tensor("fc1.weight", 235_200, 1), tensor("fc2.weight", 30_000, 2),
                tensor("fc3.weight", 1_000, 3));
        TensorSet masks = Masks.ones(w, w.names());
        MagnitudePruneStrategy s = new MagnitudePruneStrategy(PruneScope.LAYERWISE, 0.2,
                Map.of("fc3.weight", 0.1), Set.of());
        for (int n = 1; n <= 3; n++) {
            masks = s.prune(w, masks).masks();
            Map<String, Long> expect = DensitySchedule.exactCounts(SIZES, RATES, n);
            for (String layer : SIZES.keySet()) {
                assertEquals(expect.get(layer), Masks.kept(masks.get(layer)), layer + " round " + n);
            }
        }
        assertEquals(136_511.0 / 266_200, Masks.density(masks), 1e-15);
    }

    private static NamedTensor tensor(String name, int size, int seed) {
        float[] v = new float[size];
        long x = seed;
        for (int i = 0; i < size; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            v[i] = (float) ((x >>> 40) / (double) (1L << 24) - 0.5);
        }
        return new NamedTensor(name, new int[]{size}, v);
    }
}
