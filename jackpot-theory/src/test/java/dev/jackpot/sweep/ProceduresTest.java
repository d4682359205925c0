package dev.jackpot.sweep;

import dev.jackpot.mask.SupportMask;
import dev.jackpot.rng.Seeds;
import dev.jackpot.teacher.Dataset;
import dev.jackpot.teacher.MaskSource;
import dev.jackpot.teacher.MaskSpec;
import dev.jackpot.teacher.NeuronParallel;
import dev.jackpot.teacher.Recovery;
import dev.jackpot.teacher.Teacher;
import dev.jackpot.teacher.TeacherTrial;
import dev.jackpot.teacher.TeacherTrialSpec;
import dev.jackpot.teacher.TrialListener;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProceduresTest {

    /**
     * TARGETS monitors the closed-form population test error; monitoring a large sampled test set at
     * every iteration instead gives the same iterations up to the sampling error.
     */
    @Test
    void targetsMatchASampledMonitor() {
        int compared = 0;
        for (long seed = 1; seed <= 4; seed++) {
            TeacherTrialSpec spec = TeacherTrialSpec.defaults(3, 30, 150, 6, seed).withTestSamples(500);
            if (seed % 2 == 0) {
                spec = spec.withMask(MaskSpec.pruned(MaskSource.MAGNITUDE, 0.6));
            }
            LinkedHashMap<String, Object> m = Procedures.run(SweepSpec.of(spec, 1, Axis.of("n", 150))
                    .withProcedure(Procedure.TARGETS), spec);
            int[] sampled = sampledTargets(spec, 50_000);
            for (int i = 0; i < Procedures.TARGETS.length; i++) {
                Object v = m.get(Procedures.targetMetric(Procedures.TARGETS[i]));
                String where = "seed " + seed + ", target " + Procedures.TARGETS[i] + ": sampled " + sampled[i]
                        + ", population " + v;
                assertEquals(sampled[i] >= 0, v != null, where);
                if (v != null) {
                    long it = ((Number) v).longValue();
                    assertTrue(Math.abs(it - sampled[i]) <= Math.max(2, 0.03 * it), where);
                    compared++;
                }
            }
        }
        assertTrue(compared >= 5, "targets compared: " + compared);
    }

    private static int[] sampledTargets(TeacherTrialSpec spec, int samples) {
        int[] reached = new int[Procedures.TARGETS.length];
        Arrays.fill(reached, -1);
        TeacherTrial.run(spec, NeuronParallel.sequential(), new TrialListener() {
            private Dataset test;
            private SupportMask mask;
            private int next;

            @Override
            public void onStart(Teacher t, SupportMask m, double[][] w0) {
                test = Dataset.draw(t, samples, Seeds.derive(spec.seed(), "monitor"), false);
                mask = m;
                check(0, w0);
            }

            @Override
            public void onIteration(int iteration, double loss, double change, double[][] w) {
                check(iteration, w);
            }

            private void check(int iteration, double[][] w) {
                double err = next < reached.length ? Recovery.testError(w, mask, test) : 0;
                while (next < reached.length && err <= Procedures.TARGETS[next]) {
                    reached[next++] = iteration;
                }
            }
        });
        return reached;
    }
}
