package dev.jackpot.sweep;

import dev.jackpot.mask.SupportMask;
import dev.jackpot.teacher.NeuronParallel;
import dev.jackpot.teacher.Recovery;
import dev.jackpot.teacher.Teacher;
import dev.jackpot.teacher.TeacherTrial;
import dev.jackpot.teacher.TeacherTrialResult;
import dev.jackpot.teacher.TeacherTrialSpec;
import dev.jackpot.teacher.TrialListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Runs one trial of a sweep with its {@link Procedure} and returns its metrics, by name, in a fixed
 * order. Pure functions of the trial spec: the same spec always gives the same metrics.
 */
public final class Procedures {

    /** Test-error targets of {@link Procedure#TARGETS} (paper Fig. 8). */
    public static final double[] TARGETS = {1e-2, 1e-3, 1e-4, 1e-5, 1e-6};

    private Procedures() {
    }

    /**
     * @param sweep the sweep (for its procedure and settings)
     * @param spec  the trial
     * @return the trial's metrics
     */
    public static LinkedHashMap<String, Object> run(SweepSpec sweep, TeacherTrialSpec spec) {
        return switch (sweep.procedure()) {
            case TRIAL -> trial(spec, TrialListener.NONE);
            case RATE -> rate(spec);
            case TARGETS -> targets(spec);
            case IMP -> SyntheticImp.run(spec, sweep.imp());
        };
    }

    private static LinkedHashMap<String, Object> trial(TeacherTrialSpec spec, TrialListener listener) {
        TeacherTrialResult r = TeacherTrial.run(spec, NeuronParallel.sequential(), listener);
        return metrics(r);
    }

    /**
     * @param r a trial result
     * @return its standard metrics (everything but time and weights)
     */
    public static LinkedHashMap<String, Object> metrics(TeacherTrialResult r) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("iterations", r.iterations());
        m.put("trainLoss", r.trainLoss());
        m.put("recoveryError", r.recoveryError());
        m.put("initialError", r.initialError());
        m.put("success", r.success());
        m.put("testError", r.testError());
        m.put("rTilde", r.rTilde());
        m.put("rTildeOracle", r.rTildeOracle());
        m.put("maskAccuracy", r.maskAccuracy());
        m.put("pruningRatio", r.pruningRatio());
        m.put("converged", r.converged());
        m.put("diverged", r.diverged());
        return m;
    }

    private static LinkedHashMap<String, Object> rate(TeacherTrialSpec spec) {
        List<Double> errors = new ArrayList<>();
        TrialListener recorder = new TrialListener() {
            private double[][] teacher;

            @Override
            public void onStart(Teacher t, SupportMask mask, double[][] w0) {
                teacher = t.weights();
                errors.add(Recovery.relativeError(w0, teacher));
            }

            @Override
            public void onIteration(int iteration, double loss, double change, double[][] w) {
                errors.add(Recovery.relativeError(w, teacher));
            }
        };
        LinkedHashMap<String, Object> m = trial(spec, recorder);
        Stats.Fit fit = logLinearFit(errors, 1e-7, 1e-2);
        m.put("rate", Math.exp(fit.slope()));
        m.put("rateR2", fit.r2());
        int t = errors.size() - 1;
        m.put("rateOverall", t > 0 ? Math.pow(errors.get(t) / errors.get(0), 1.0 / t) : Double.NaN);
        return m;
    }

    /**
     * The least-squares line of log(error) against iteration over the iterations whose error lies
     * in [lo, hi]; exp(slope) is the per-iteration contraction factor. NaN slope with fewer than 3
     * such iterations.
     *
     * @param errors error per iteration, iteration 0 first
     * @param lo     lower end of the linear phase
     * @param hi     upper end of the linear phase
     * @return the fit
     */
    public static Stats.Fit logLinearFit(List<Double> errors, double lo, double hi) {
        List<double[]> points = new ArrayList<>();
        for (int t = 0; t < errors.size(); t++) {
            double e = errors.get(t);
            if (e >= lo && e <= hi) {
                points.add(new double[]{t, Math.log(e)});
            }
        }
        if (points.size() < 3) {
            return new Stats.Fit(Double.NaN, Double.NaN, Double.NaN, points.size(), Double.NaN);
        }
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        return Stats.line(x, y);
    }

    private static LinkedHashMap<String, Object> targets(TeacherTrialSpec spec) {
        int[] reached = new int[TARGETS.length];
        java.util.Arrays.fill(reached, -1);
        TrialListener monitor = new TrialListener() {
            private SupportMask mask;
            private double[][] teacher;
            private int next;

            @Override
            public void onStart(Teacher t, SupportMask m, double[][] w0) {
                mask = m;
                teacher = t.weights();
                check(0, w0);
            }

            @Override
            public void onIteration(int iteration, double loss, double change, double[][] w) {
                check(iteration, w);
            }

            private void check(int iteration, double[][] w) {
                if (next == TARGETS.length) {
                    return;
                }
                double err = Recovery.populationTestError(w, mask, teacher);
                while (next < TARGETS.length && err <= TARGETS[next]) {
                    reached[next++] = iteration;
                }
            }
        };
        LinkedHashMap<String, Object> m = trial(spec, monitor);
        for (int i = 0; i < TARGETS.length; i++) {
            if (reached[i] >= 0) {
                m.put(targetMetric(TARGETS[i]), reached[i]);
            }
        }
        return m;
    }

    /**
     * @param target a test-error target
     * @return the metric name holding the iterations needed to reach it
     */
    public static String targetMetric(double target) {
        return "itersTo" + String.format(java.util.Locale.ROOT, "%.0e", target).replace("e-0", "e-");
    }
}
