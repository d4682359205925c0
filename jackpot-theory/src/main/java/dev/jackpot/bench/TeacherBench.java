package dev.jackpot.bench;

import dev.jackpot.mask.SupportMask;
import dev.jackpot.rng.Seeds;
import dev.jackpot.teacher.AgdListener;
import dev.jackpot.teacher.AgdResult;
import dev.jackpot.teacher.AgdSolver;
import dev.jackpot.teacher.AgdSpec;
import dev.jackpot.teacher.Dataset;
import dev.jackpot.teacher.DenseObjective;
import dev.jackpot.teacher.NeuronParallel;
import dev.jackpot.teacher.Objective;
import dev.jackpot.teacher.SparseObjective;
import dev.jackpot.teacher.Task;
import dev.jackpot.teacher.Teacher;
import dev.jackpot.teacher.TeacherTrial;
import dev.jackpot.teacher.TeacherTrialResult;
import dev.jackpot.teacher.TeacherTrialSpec;
import dev.jackpot.teacher.TrialListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark of Algorithm 1's kernels on the same problem, in the same process, from the same W(0):
 * the sparse objective (cost O(N sum_j r_j)) with its sample-major kernels, the same with its
 * feature-major kernels (the first implementation, the baseline of the layout change), and the dense
 * reference (O(N d K)). These three produce bit-identical gradients, hence the same iterations
 * (checked, with the two sparse paths' final weights compared bit for bit), so the per-iteration
 * ratios are the whole story. A fourth path runs the kernels the objective chooses by default
 * ({@link SparseObjective#choose}); where that is {@link SparseObjective.Kernels#PATTERNS} (the
 * gradient shared between neurons by activation pattern) it agrees with the others to rounding, so
 * its iteration count may differ slightly and it is compared per iteration. The paths run interleaved, and each
 * figure is the fastest of the repeats, which is robust to other load on a shared machine. FLOP
 * counts use the useful work only, 4 N sum_j r_j per iteration (forward and gradient, two flops per
 * multiply-add), so a GFLOP/s figure is comparable across the paths.
 */
public final class TeacherBench {

    /**
     * One benchmarked configuration.
     *
     * @param k neurons
     * @param d inputs
     * @param n samples
     * @param r support size per neuron
     */
    public record Config(int k, int d, int n, int r) {
    }

    /**
     * Figures for one configuration (the fastest of the repeats).
     *
     * @param config              the configuration
     * @param iterations          Algorithm 1 iterations to converge (same for every path)
     * @param sparseIterationMs   sparse time per iteration (default, sample-major kernels)
     * @param featureMajorIterationMs sparse time per iteration with the feature-major kernels
     * @param denseIterationMs    dense time per iteration
     * @param sparseSolveSeconds  sparse Algorithm 1 run, whole
     * @param denseSolveSeconds   dense Algorithm 1 run, whole
     * @param sparseTrialSeconds  a whole sparse trial: data, curvature, solve, metrics
     * @param usefulFlopsPerIter  4 N sum_j r_j
     * @param sparseGflops        useful GFLOP/s of the sparse path
     * @param featureMajorGflops  useful GFLOP/s of the sparse path with the feature-major kernels
     * @param layoutSpeedup       feature-major time / sample-major time per iteration
     * @param denseGflops         useful GFLOP/s of the dense path
     * @param denseRawGflops      GFLOP/s of all the dense path's arithmetic (4 N d K per iteration)
     * @param speedup             dense time / sparse time per iteration
     * @param defaultKernels      the kernels the objective chooses by default for this problem
     * @param defaultIterations   Algorithm 1 iterations with the default kernels
     * @param defaultIterationMs  time per iteration with the default kernels
     * @param defaultGflops       useful GFLOP/s with the default kernels
     * @param defaultSpeedup      sample-major time / default time per iteration (1 when they are the same)
     */
    public record Row(Config config, int iterations, double sparseIterationMs, double featureMajorIterationMs,
                      double denseIterationMs, double sparseSolveSeconds, double denseSolveSeconds,
                      double sparseTrialSeconds, double usefulFlopsPerIter, double sparseGflops,
                      double featureMajorGflops, double layoutSpeedup, double denseGflops, double denseRawGflops,
                      double speedup, String defaultKernels, int defaultIterations, double defaultIterationMs,
                      double defaultGflops, double defaultSpeedup) {
    }

    /**
     * The two configurations, and two cells of the paper-scale Figure 4 grid (K = 5,
     * d = 100, fully overlapping supports) near its sample-complexity boundary, where trials run
     * thousands of iterations.
     */
    public static final List<Config> DEFAULT_CONFIGS = List.of(new Config(10, 300, 5000, 20),
            new Config(10, 500, 5000, 100), new Config(5, 100, 550, 100), new Config(5, 100, 400, 60));

    private TeacherBench() {
    }

    /**
     * @param configs what to measure
     * @param repeats measured repeats per path (after one warm-up), positive
     * @param threads threads for the sparse kernels
     * @return one row per configuration
     */
    public static List<Row> run(List<Config> configs, int repeats, int threads) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be positive, got " + repeats);
        }
        List<Row> rows = new ArrayList<>();
        try (NeuronParallel parallel = NeuronParallel.of(threads)) {
            for (Config c : configs) {
                rows.add(measure(c, repeats, parallel));
            }
        }
        return rows;
    }

    private static Row measure(Config c, int repeats, NeuronParallel parallel) {
        TeacherTrialSpec spec = TeacherTrialSpec.defaults(c.k(), c.d(), c.n(), c.r(), 1);
        Teacher teacher = Teacher.draw(spec.teacher(), Seeds.stream(1, "teacher"));
        Dataset data = Dataset.draw(teacher, c.n(), Seeds.derive(1, "data"), true);
        SupportMask mask = teacher.mask();
        double[][] w0 = TeacherTrial.perturb(teacher.weights(), mask, spec.init().lambda(), Seeds.stream(1, "init"));
        Objective sparse = new SparseObjective(data, mask, Task.REGRESSION, parallel, SparseObjective.Kernels.SAMPLE_MAJOR);
        Objective featureMajor = new SparseObjective(data, mask, Task.REGRESSION, parallel,
                SparseObjective.Kernels.FEATURE_MAJOR);
        Objective dense = new DenseObjective(data, mask, Task.REGRESSION);
        SparseObjective.Kernels chosen = SparseObjective.choose(c.n(), mask);
        Objective byDefault = new SparseObjective(data, mask, Task.REGRESSION, parallel, chosen);
        // Fix the step once, so every path runs the identical iteration sequence.
        AgdSpec agd = spec.agd().withEta(AgdSolver.step(sparse, w0, spec.agd()), dev.jackpot.teacher.StepUnit.PAPER);

        double[] sparseSolve = new double[repeats];
        double[] featureSolve = new double[repeats];
        double[] denseSolve = new double[repeats];
        double[] trial = new double[repeats];
        double[] defaultSolve = new double[repeats];
        int iterations = 0;
        int defaultIterations = 0;
        solve(sparse, w0, agd);
        solve(byDefault, w0, agd);
        solve(featureMajor, w0, agd);
        solve(dense, w0, agd.withMaxIterations(20));
        TeacherTrial.run(spec, parallel, TrialListener.NONE);
        for (int rep = 0; rep < repeats; rep++) {
            long t0 = System.nanoTime();
            AgdResult s = solve(sparse, w0, agd);
            long t1 = System.nanoTime();
            AgdResult f = solve(featureMajor, w0, agd);
            long t2 = System.nanoTime();
            AgdResult d = solve(dense, w0, agd);
            long t3 = System.nanoTime();
            TeacherTrialResult full = TeacherTrial.run(spec, parallel, TrialListener.NONE);
            long t4 = System.nanoTime();
            AgdResult b = solve(byDefault, w0, agd);
            long t5 = System.nanoTime();
            defaultIterations = b.iterations();
            defaultSolve[rep] = (t5 - t4) / 1e9;
            if (s.iterations() != d.iterations() || s.iterations() != f.iterations()) {
                throw new IllegalStateException("the kernels diverged from each other: " + s.iterations() + " (sample-major), "
                        + f.iterations() + " (feature-major) and " + d.iterations() + " (dense) iterations");
            }
            if (!Arrays.deepEquals(s.weights(), f.weights())) {
                throw new IllegalStateException("the sample-major and feature-major kernels ended at different weights");
            }
            iterations = s.iterations();
            sparseSolve[rep] = (t1 - t0) / 1e9;
            featureSolve[rep] = (t2 - t1) / 1e9;
            denseSolve[rep] = (t3 - t2) / 1e9;
            trial[rep] = (t4 - t3) / 1e9;
            if (full.iterations() <= 0) {
                throw new IllegalStateException("the benchmark trial did not run");
            }
        }
        double sparseSec = min(sparseSolve);
        double featureSec = min(featureSolve);
        double denseSec = min(denseSolve);
        double useful = 4.0 * c.n() * mask.nonzeros();
        double raw = 4.0 * c.n() * (double) c.d() * c.k();
        double perIterSparse = sparseSec / iterations;
        double perIterFeature = featureSec / iterations;
        double perIterDense = denseSec / iterations;
        double perIterDefault = min(defaultSolve) / defaultIterations;
        return new Row(c, iterations, perIterSparse * 1e3, perIterFeature * 1e3, perIterDense * 1e3, sparseSec,
                denseSec, min(trial), useful, useful / perIterSparse / 1e9, useful / perIterFeature / 1e9,
                perIterFeature / perIterSparse, useful / perIterDense / 1e9, raw / perIterDense / 1e9,
                perIterDense / perIterSparse, chosen.name().toLowerCase(java.util.Locale.ROOT), defaultIterations,
                perIterDefault * 1e3, useful / perIterDefault / 1e9, perIterSparse / perIterDefault);
    }

    private static AgdResult solve(Objective objective, double[][] w0, AgdSpec agd) {
        return AgdSolver.solve(objective, w0, agd, AgdListener.NONE);
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    /**
     * The vectorised fused-multiply-add rate this JVM reaches on this core: four row axpys on
     * L1-resident arrays, the best loop shape for the JIT (see the stack design note). A ceiling for
     * what the kernels could reach, measured in the same run.
     *
     * @param millis how long to measure
     * @return GFLOP/s
     */
    public static double axpyCeilingGflops(long millis) {
        int len = 512;
        double[] y = new double[len];
        double[][] x = new double[4][len];
        for (int i = 0; i < len; i++) {
            for (int q = 0; q < 4; q++) {
                x[q][i] = 1e-9 * (i + q);
            }
        }
        long flops = 0;
        long deadline = System.nanoTime() + millis * 1_000_000L;
        long start = System.nanoTime();
        double a0 = 1e-3;
        double a1 = -1e-3;
        double a2 = 2e-3;
        double a3 = -2e-3;
        while (System.nanoTime() < deadline) {
            for (int rep = 0; rep < 1000; rep++) {
                double[] x0 = x[0];
                double[] x1 = x[1];
                double[] x2 = x[2];
                double[] x3 = x[3];
                for (int i = 0; i < len; i++) {
                    y[i] += a0 * x0[i] + a1 * x1[i] + a2 * x2[i] + a3 * x3[i];
                }
            }
            flops += 1000L * len * 8;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (y[len / 2] == 42.0) {
            throw new IllegalStateException("unreachable: keeps the loop alive");
        }
        return flops / seconds / 1e9;
    }
}
