package dev.jackpot.sweep;

import dev.jackpot.mask.SupportMask;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.teacher.AgdListener;
import dev.jackpot.teacher.AgdResult;
import dev.jackpot.teacher.AgdSolver;
import dev.jackpot.teacher.Dataset;
import dev.jackpot.teacher.LearnerMasks;
import dev.jackpot.teacher.Matrices;
import dev.jackpot.teacher.NeuronParallel;
import dev.jackpot.teacher.Recovery;
import dev.jackpot.teacher.SparseObjective;
import dev.jackpot.teacher.Teacher;
import dev.jackpot.teacher.TeacherTrial;
import dev.jackpot.teacher.TeacherTrialSpec;

import java.util.LinkedHashMap;

/**
 * Iterative magnitude pruning on the teacher-student task, as in section 4.3 (Fig. 10) of Zhang et
 * al. (NeurIPS 2021): train the dense learner with Algorithm 1 from W(0); then repeatedly prune a
 * fraction of the remaining weights by global magnitude, rewind the survivors to W(0), and retrain.
 *
 * <p>W(0) is the trial spec's lambda-perturbation of W* with a dense direction (stream "init"); the
 * paper does not state its initialisation. Teacher, training and test data use the same named
 * streams as {@link TeacherTrial}. Metrics per round k (k = 0 is dense): {@code r<k>.density},
 * {@code r<k>.testError}, {@code r<k>.recoveryError}, {@code r<k>.maskAccuracy},
 * {@code r<k>.iterations}.
 */
public final class SyntheticImp {

    private SyntheticImp() {
    }

    /**
     * @param spec the trial (teacher, N, init lambda, Algorithm 1 settings, test samples)
     * @param imp  rounds and fraction
     * @return the metrics of every round
     */
    public static LinkedHashMap<String, Object> run(TeacherTrialSpec spec, ImpSpec imp) {
        long seed = spec.seed();
        Teacher teacher = Teacher.draw(spec.teacher(), Seeds.stream(seed, "teacher"));
        Dataset train = Dataset.draw(teacher, spec.n(), Seeds.derive(seed, "data"), true);
        Dataset test = Dataset.draw(teacher, spec.testSamples(), Seeds.derive(seed, "test"), false);
        int d = spec.teacher().d();
        int k = spec.teacher().k();
        SupportMask mask = SupportMask.dense(d, k);
        Rng init = Seeds.stream(seed, "init");
        double[][] w0 = TeacherTrial.perturb(teacher.weights(), mask, spec.init().lambda(), init);
        double[][] wStar = teacher.weights();
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        int kept = d * k;
        for (int round = 0; round <= imp.rounds(); round++) {
            SparseObjective objective = new SparseObjective(train, mask, spec.teacher().task(), NeuronParallel.sequential());
            AgdResult fit = AgdSolver.solve(objective, w0, spec.agd(), AgdListener.NONE);
            String p = "r" + round + ".";
            m.put(p + "density", mask.density());
            m.put(p + "testError", Recovery.testError(fit.weights(), mask, test));
            m.put(p + "recoveryError", Recovery.relativeError(fit.weights(), wStar));
            m.put(p + "maskAccuracy", mask.accuracyAgainst(teacher.mask()));
            m.put(p + "iterations", fit.iterations());
            m.put(p + "diverged", fit.diverged());
            if (round == imp.rounds()) {
                break;
            }
            kept = Math.max(1, (int) Math.round(kept * (1 - imp.fraction())));
            // Prune among the surviving weights only: pruned entries are exactly zero in W, and
            // magnitude ranks them last, so the new mask is nested in the old one.
            double[][] trained = Matrices.copy(fit.weights());
            mask = nested(LearnerMasks.magnitude(trained, kept), mask);
        }
        return m;
    }

    /** A mask from magnitudes that keeps only entries of {@code previous} (ties at zero excluded). */
    private static SupportMask nested(SupportMask candidate, SupportMask previous) {
        int[][] supports = new int[candidate.neurons()][];
        for (int j = 0; j < candidate.neurons(); j++) {
            int neuron = j;
            supports[j] = java.util.Arrays.stream(candidate.support(j)).filter(i -> previous.contains(neuron, i)).toArray();
        }
        return SupportMask.of(candidate.inputs(), supports);
    }
}
