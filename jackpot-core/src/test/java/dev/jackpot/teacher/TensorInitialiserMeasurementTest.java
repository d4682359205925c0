package dev.jackpot.teacher;

import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures the empirical tensor-initialisation error (relative, min over permutations) for the
 * paper's K = 5, d = 100, r = 20 teacher, learner mask = oracle mask, noiseless. Slow (n = 1e6 holds
 * about 0.5 GB of data per seed): run with {@code mvn -Pfull -pl jackpot-core test
 * -Dtest=TensorInitialiserMeasurementTest}. Prints one line per setting.
 */
@Tag("slow")
class TensorInitialiserMeasurementTest {

    private static final TeacherSpec SPEC = TeacherSpec.of(5, 100, 20);

    private static TensorInitialiser.Options[] variants() {
        TensorInitialiser.Options[] all = new TensorInitialiser.Options[6];
        int i = 0;
        for (TensorInitialiser.Contraction c : TensorInitialiser.Contraction.values()) {
            for (TensorInitialiser.Magnitudes m : TensorInitialiser.Magnitudes.values()) {
                all[i++] = new TensorInitialiser.Options(c, m);
            }
        }
        return all;
    }

    @Test
    void errorAgainstSampleSize() {
        int seeds = 3;
        TensorInitialiser.Options[] variants = variants();
        double previous = Double.POSITIVE_INFINITY;
        for (int n : new int[]{1_000, 10_000, 100_000, 1_000_000}) {
            double[] err = new double[variants.length];
            double pop = 0;
            double seconds = 0;
            for (long seed = 0; seed < seeds; seed++) {
                Teacher t = Teacher.draw(SPEC, Seeds.stream(seed, "teacher"));
                Dataset data = Dataset.draw(t, n, Seeds.derive(seed, "data", n), false);
                data.materialise(t.mask());
                for (int v = 0; v < variants.length; v++) {
                    long start = System.nanoTime();
                    TensorInitResult r = TensorInitialiser.estimate(data, t.mask(), Seeds.stream(seed, "tensor"), variants[v]);
                    if (variants[v].equals(TensorInitialiser.Options.DEFAULT)) {
                        seconds += (System.nanoTime() - start) / 1e9 / seeds;
                    }
                    err[v] += Recovery.relativeError(r.weights(), t.weights()) / seeds;
                }
                TensorInitResult p = TensorInitialiser.fromPopulation(t, t.mask(), Seeds.stream(seed, "tensor"));
                pop += Recovery.relativeError(p.weights(), t.weights()) / seeds;
            }
            StringBuilder line = new StringBuilder(String.format("n=%,d  default %.3f s/call  population %.1e", n, seconds, pop));
            for (int v = 0; v < variants.length; v++) {
                line.append(String.format("  %s/%s %.3f", variants[v].contraction(), variants[v].magnitudes(), err[v]));
            }
            System.out.println(line);
            assertTrue(pop < 1e-6);
            double def = err[0];
            if (n >= 100_000) {
                assertTrue(def < previous, "default error should fall with n");
            }
            previous = def;
        }
    }

    @Test
    void variantsAtThreeHundredThousandSamples() {
        int seeds = 10;
        int n = 300_000;
        TensorInitialiser.Options[] variants = variants();
        double[][] err = new double[variants.length][seeds];
        for (int seed = 0; seed < seeds; seed++) {
            Teacher t = Teacher.draw(SPEC, Seeds.stream(seed, "teacher"));
            Dataset data = Dataset.draw(t, n, Seeds.derive(seed, "data", n), false);
            for (int v = 0; v < variants.length; v++) {
                TensorInitResult r = TensorInitialiser.estimate(data, t.mask(), Seeds.stream(seed, "tensor"), variants[v]);
                err[v][seed] = Recovery.relativeError(r.weights(), t.weights());
            }
        }
        for (int v = 0; v < variants.length; v++) {
            double[] e = err[v].clone();
            Arrays.sort(e);
            System.out.printf("n=%,d %d seeds %s/%s: mean %.3f median %.3f max %.3f%n", n, seeds,
                    variants[v].contraction(), variants[v].magnitudes(), Arrays.stream(e).average().orElse(0),
                    (e[seeds / 2 - 1] + e[seeds / 2]) / 2, e[seeds - 1]);
        }
    }
}
