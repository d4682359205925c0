package dev.jackpot.teacher;

import dev.jackpot.mask.RTilde;
import dev.jackpot.mask.SupportMask;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link TeacherTrialSpec}: the library entry point behind {@code jackpot teacher train}.
 *
 * <ol>
 *   <li>Teacher W* from stream "teacher"; N training samples from "data"; noiseless test samples
 *       from "test".</li>
 *   <li>The learner's mask: M*, all ones, or a score-based mask (MAGNITUDE, GRASP) computed from
 *       W_e = {@code scoreIterations} dense AGD iterations started at a dense perturbation of W* at
 *       relative distance lambda (stream "init").</li>
 *   <li>W(0): lambda-perturbation of W* on the mask (stream "init"), or the tensor initialisation
 *       (streams "tensor" and, with {@code tensorSamples > 0}, "tensor-data").</li>
 *   <li>Algorithm 1 on the sparse objective; metrics.</li>
 * </ol>
 */
public final class TeacherTrial {

    /** Names of the streams derived from the spec's root seed. */
    public static final List<String> SEED_NAMES = List.of("teacher", "data", "test", "init", "tensor", "tensor-data");

    private TeacherTrial() {
    }

    /**
     * @param spec     the trial
     * @param parallel how neurons are spread over threads (never changes the result)
     * @param listener observer
     * @return the measured result
     */
    public static TeacherTrialResult run(TeacherTrialSpec spec, NeuronParallel parallel, TrialListener listener) {
        long start = System.nanoTime();
        long seed = spec.seed();
        Map<String, Long> seeds = new LinkedHashMap<>();
        for (String name : SEED_NAMES) {
            seeds.put(name, Seeds.derive(seed, name));
        }
        TeacherSpec ts = spec.teacher();
        Teacher teacher = teacher(spec);
        double[][] wStar = teacher.weightsView();
        Dataset train = Dataset.draw(teacher, spec.n(), seeds.get("data"), true);
        Rng initRng = Rng.of(seeds.get("init"));

        SupportMask mask;
        double[][] start0;
        switch (spec.mask().source()) {
            case ORACLE -> {
                mask = teacher.mask();
                start0 = perturb(wStar, mask, spec.init().lambda(), initRng);
            }
            case DENSE -> {
                mask = SupportMask.dense(ts.d(), ts.k());
                start0 = perturb(wStar, mask, spec.init().lambda(), initRng);
            }
            default -> {
                SupportMask dense = SupportMask.dense(ts.d(), ts.k());
                start0 = perturb(wStar, dense, spec.init().lambda(), initRng);
                mask = scoreMask(spec, train, dense, start0, parallel);
            }
        }
        double[][] w0;
        if (spec.init().method() == InitMethod.TENSOR) {
            Dataset moments = spec.init().tensorSamples() == 0 ? train
                    : Dataset.draw(teacher, spec.init().tensorSamples(), seeds.get("tensor-data"), true);
            w0 = TensorInitialiser.estimate(moments, mask, Rng.of(seeds.get("tensor"))).weights();
        } else {
            w0 = Matrices.copy(start0);
            mask.apply(w0);
        }
        listener.onStart(teacher, mask, w0);

        Objective objective = new SparseObjective(train, mask, ts.task(), parallel);
        AgdResult fit = AgdSolver.solve(objective, w0, spec.agd(), listener);

        Dataset test = Dataset.draw(teacher, spec.testSamples(), seeds.get("test"), false);
        double recovery = Recovery.relativeError(fit.weights(), wStar);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TeacherTrialResult(fit.iterations(), fit.loss(), recovery, Recovery.relativeError(w0, wStar),
                !fit.diverged() && recovery < spec.successThreshold(),
                Recovery.testError(fit.weights(), mask, test), RTilde.of(mask), RTilde.of(teacher.mask()),
                mask.accuracyAgainst(teacher.mask()), mask.pruningRatio(), seconds, fit.converged(),
                fit.diverged(), fit.stopReason(), Map.copyOf(seeds), fit.weights(), teacher.weights());
    }

    /**
     * @param spec a trial
     * @return the oracle {@link #run} draws for it (stream "teacher" of the trial's seed)
     */
    public static Teacher teacher(TeacherTrialSpec spec) {
        return Teacher.draw(spec.teacher(), Rng.of(Seeds.derive(spec.seed(), "teacher")));
    }

    /**
     * W* + lambda ||W*||_F D / ||D||_F with D standard Gaussian on {@code mask} (zero elsewhere).
     *
     * @param wStar  the oracle weights
     * @param mask   where the direction may be nonzero
     * @param lambda relative distance
     * @param rng    the "init" stream
     * @return the perturbed weights (not projected onto any mask)
     */
    public static double[][] perturb(double[][] wStar, SupportMask mask, double lambda, Rng rng) {
        int k = wStar.length;
        double[][] dir = new double[k][wStar[0].length];
        double norm = 0;
        for (int j = 0; j < k; j++) {
            for (int i : mask.supportsView()[j]) {
                double v = rng.nextGaussian();
                dir[j][i] = v;
                norm += v * v;
            }
        }
        double scale = norm > 0 ? lambda * Matrices.frobenius(wStar) / Math.sqrt(norm) : 0.0;
        double[][] w = Matrices.copy(wStar);
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < w[j].length; i++) {
                w[j][i] += scale * dir[j][i];
            }
        }
        return w;
    }

    private static SupportMask scoreMask(TeacherTrialSpec spec, Dataset train, SupportMask dense, double[][] start,
                                         NeuronParallel parallel) {
        TeacherSpec ts = spec.teacher();
        Objective denseObjective = new SparseObjective(train, dense, ts.task(), parallel);
        AgdSpec warm = spec.agd().withMaxIterations(spec.mask().scoreIterations()).withTol(Double.MIN_VALUE);
        double[][] trained = AgdSolver.solve(denseObjective, start, warm, AgdListener.NONE).weights();
        int keep = LearnerMasks.keptCount(ts.d(), ts.k(), spec.mask().pruningRatio());
        return switch (spec.mask().source()) {
            case GRASP -> LearnerMasks.grasp(denseObjective, trained, keep);
            case GRASP_ABS -> LearnerMasks.graspAbs(denseObjective, trained, keep);
            default -> LearnerMasks.magnitude(trained, keep);
        };
    }
}
