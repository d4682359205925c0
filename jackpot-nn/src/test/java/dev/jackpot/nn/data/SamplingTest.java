package dev.jackpot.nn.data;

import dev.jackpot.nn.Synthetic;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subsampling, normalisation, epoch order and batches. */
class SamplingTest {

    private final ImageDataset data = Synthetic.images("s", 103, 3, 4, 4, 10, 1, 2);

    @Test
    void subsamplesAreDeterministicDistinctAndBalanced() {
        int[] a = Subsample.uniform(data, 40, Seeds.stream(5, "subsample"));
        assertArrayEquals(a, Subsample.uniform(data, 40, Seeds.stream(5, "subsample")));
        assertFalse(Arrays.equals(a, Subsample.uniform(data, 40, Seeds.stream(6, "subsample"))));
        assertEquals(40, Arrays.stream(a).distinct().count());
        int[] b = Subsample.balanced(data, 43, Seeds.stream(5, "subsample"));
        int[] counts = data.subset(b).classCounts();
        assertArrayEquals(new int[] {5, 5, 5, 4, 4, 4, 4, 4, 4, 4}, counts);
        ImageDataset skewed = data.subset(java.util.stream.IntStream.range(1, 103).filter(i -> i % 10 != 0 || i < 20).toArray());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Subsample.balanced(skewed, 50, Seeds.stream(1, "x")))
                .getMessage().contains("class 0, which has only 1"));
        assertThrows(IllegalArgumentException.class, () -> Subsample.uniform(data, 0, Seeds.stream(1, "x")));
    }

    @Test
    void normalisationIsPerChannelOnTheTrainingSet() {
        Normalisation n = Normalisation.fit(data);
        assertEquals(3, n.channels());
        int[] all = new int[data.size()];
        Arrays.setAll(all, i -> i);
        float[] x = Batches.features(data, n, all, 0, all.length);
        int plane = 16;
        for (int c = 0; c < 3; c++) {
            double s = 0;
            double s2 = 0;
            for (int i = 0; i < data.size(); i++) {
                for (int k = 0; k < plane; k++) {
                    double v = x[(i * 3 + c) * plane + k];
                    s += v;
                    s2 += v * v;
                }
            }
            double cnt = data.size() * plane;
            assertEquals(0, s / cnt, 1e-5);
            assertEquals(1, s2 / cnt - (s / cnt) * (s / cnt), 1e-4);
        }
    }

    @Test
    void validationHoldOutPartitionsTheTrainingSet() {
        DataSplit s = DataSplit.of(data, data).holdOutValidation(20, Seeds.stream(4, "validation"));
        assertEquals(83, s.train().size());
        assertEquals(20, s.validation().orElseThrow().size());
        int[] all = new int[10];
        for (ImageDataset d : new ImageDataset[] {s.train(), s.validation().get()}) {
            int[] c = d.classCounts();
            for (int k = 0; k < 10; k++) {
                all[k] += c[k];
            }
        }
        assertArrayEquals(data.classCounts(), all);
        assertThrows(IllegalArgumentException.class, () -> s.holdOutValidation(5, Seeds.stream(4, "v")));
    }

    @Test
    void epochOrderDependsOnSeedAndEpochOnly() {
        int[] e0 = EpochOrder.permutation(9, 0, 50);
        assertArrayEquals(e0, EpochOrder.permutation(9, 0, 50));
        assertFalse(Arrays.equals(e0, EpochOrder.permutation(9, 1, 50)));
        Set<Integer> seen = new HashSet<>();
        for (int i : e0) {
            seen.add(i);
        }
        assertEquals(50, seen.size());
    }
}
