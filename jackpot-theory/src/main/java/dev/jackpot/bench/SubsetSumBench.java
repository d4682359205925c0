package dev.jackpot.bench;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.subsetsum.GridSolver;
import dev.jackpot.subsetsum.MeetInTheMiddleSolver;
import dev.jackpot.subsetsum.SchroeppelShamirSolver;
import dev.jackpot.subsetsum.SubsetSumProblem;
import dev.jackpot.subsetsum.SubsetSumResult;
import dev.jackpot.subsetsum.SubsetSumSolver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Benchmark of the subset-sum solvers (design note strong-lth.md section 5.1): time per instance of
 * the exact meet-in-the-middle solver (Horowitz and Sahni 1974; where n &lt;= 44) and of the grid
 * programme (every n), on the instances of Lueker's setting (Random Structures &amp; Algorithms
 * 12(1), 1998): n candidates uniform in [-1, 1] and a target uniform in [-1, 1].
 *
 * <p>Instance i of size n is drawn from the stream {@code Seeds.derive(seed, "bench-subset-sum", n, i)},
 * so both solvers see the same instances and a figure can be re-measured. Each solver first solves
 * every instance once untimed (JIT warm-up), then solves each again timed, one thread. Medians are
 * reported, with the errors, so a fast grid can be judged against the exact optimum.
 *
 * <p>{@link #runExact} compares the two exact solvers at larger n: meet in the middle (O(2^{n/2})
 * memory, n &lt;= 44) against Schroeppel and Shamir (SIAM J. Comput. 10(3), 1981; O(2^{n/4}) memory),
 * time per instance, their ratio where both run, and the bytes of each solver's arrays.
 */
public final class SubsetSumBench {

    /** The sizes of the issue. */
    public static final List<Integer> DEFAULT_SIZES = List.of(20, 30, 40, 60);

    /** The default sizes of the exact-solver comparison ({@link #runExact}): seconds each, one instance. */
    public static final List<Integer> DEFAULT_EXACT_SIZES = List.of(40, 44, 48, 52);

    /**
     * Figures for one exact solver at one n (eps = 0).
     *
     * @param n              candidates per instance
     * @param solver         the solver's name
     * @param instances      instances timed
     * @param medianSeconds  median time per instance
     * @param maxSeconds     slowest instance
     * @param medianCpuSeconds median CPU time of the solving thread per instance (NaN where the JVM
     *                       cannot measure it): on a shared machine it shows the work, where wall time
     *                       includes waiting for a core
     * @param maxError       largest error (the optimum, up to rounding)
     * @param peakArrayBytes the bytes of the solver's arrays at its peak (its {@code peakArrayBytes})
     * @param ratioToMitm    median CPU time over meet in the middle's median CPU time at the same n (wall
     *                       times where the JVM has no thread CPU clock), NaN where meet in the middle
     *                       does not run (n &gt; 44) and in its own row
     * @param maxDisagreement largest |error - meet in the middle's error| over the instances, NaN where
     *                       meet in the middle does not run
     */
    public record ExactRow(int n, String solver, int instances, double medianSeconds, double maxSeconds,
                           double medianCpuSeconds, double maxError, long peakArrayBytes, double ratioToMitm, double maxDisagreement) {
    }

    /**
     * Figures for one solver at one n.
     *
     * @param n             candidates per instance
     * @param solver        the solver's name
     * @param gridStep      the grid step used (of instance 0), NaN for the exact solver
     * @param instances     instances timed
     * @param medianSeconds median time per instance
     * @param maxSeconds    slowest instance
     * @param medianError   median error of the returned subsets
     * @param maxError      largest error
     * @param maxGap        largest stated gap to the optimum (0 for the exact solver)
     * @param maxExcess     largest error above the exact optimum of the same instance, NaN where the
     *                      exact solver did not run
     * @param optimal       instances whose result is proven optimal
     */
    public record Row(int n, String solver, double gridStep, int instances, double medianSeconds, double maxSeconds,
                      double medianError, double maxError, double maxGap, double maxExcess, int optimal) {
    }

    private SubsetSumBench() {
    }

    /**
     * The benchmark's instance i of size n.
     *
     * @param seed root seed
     * @param n    candidates
     * @param i    instance index
     * @param eps  perturbation budget
     * @return the instance
     */
    public static SubsetSumProblem instance(long seed, int n, int i, double eps) {
        Rng rng = Seeds.stream(seed, "bench-subset-sum", n, i);
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = rng.uniform(-1, 1);
        }
        return new SubsetSumProblem(x, rng.uniform(-1, 1), eps);
    }

    /**
     * Runs the benchmark.
     *
     * @param sizes     the values of n, each non-negative
     * @param instances instances per n, positive
     * @param eps       perturbation budget, non-negative
     * @param gridStep  the grid step (empty: the grid solver's default)
     * @param seed      root seed of the instances
     * @return one row per (n, solver): exact first where it runs, then grid
     * @throws IllegalArgumentException naming the value when an argument is out of range
     */
    public static List<Row> run(List<Integer> sizes, int instances, double eps, OptionalDouble gridStep, long seed) {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be positive, got " + instances);
        }
        SubsetSumSolver grid = gridStep.isPresent() ? GridSolver.withStep(gridStep.getAsDouble())
                : GridSolver.withDefaultStep();
        List<Row> rows = new ArrayList<>();
        for (int n : sizes) {
            if (n < 0) {
                throw new IllegalArgumentException("n must be non-negative, got " + n);
            }
            SubsetSumProblem[] problems = new SubsetSumProblem[instances];
            for (int i = 0; i < instances; i++) {
                problems[i] = instance(seed, n, i, eps);
            }
            double[] optimum = null;
            if (n <= MeetInTheMiddleSolver.MAX_N) {
                SubsetSumResult[] exact = new SubsetSumResult[instances];
                rows.add(measure(MeetInTheMiddleSolver.create(), problems, null, exact, Double.NaN));
                optimum = Arrays.stream(exact).mapToDouble(SubsetSumResult::error).toArray();
            }
            double step = ((GridSolver) grid).stepFor(problems[0]);
            rows.add(measure(grid, problems, optimum, new SubsetSumResult[instances], step));
        }
        return rows;
    }

    /**
     * Compares the exact solvers at larger n (plain subset sum, eps = 0): meet in the middle where
     * n &lt;= {@link MeetInTheMiddleSolver#MAX_N}, Schroeppel-Shamir where n &lt;=
     * {@link SchroeppelShamirSolver#MAX_N}, on the instances of {@link #run} (same seed, same n).
     * Each solver is warmed up once on an untimed instance of n = 32, then every instance is solved
     * once, timed, one thread (an instance takes seconds, so it is not solved twice).
     *
     * @param sizes     the values of n, each in [0, {@link SchroeppelShamirSolver#MAX_N}]
     * @param instances instances per n, positive
     * @param seed      root seed of the instances
     * @param progress  told after every row (for progress lines); may ignore it
     * @return per n: the meet-in-the-middle row where it runs, then the Schroeppel-Shamir row
     * @throws IllegalArgumentException naming the value when an argument is out of range
     */
    public static List<ExactRow> runExact(List<Integer> sizes, int instances, long seed,
                                          java.util.function.Consumer<ExactRow> progress) {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be positive, got " + instances);
        }
        for (int n : sizes) {
            if (n < 0 || n > SchroeppelShamirSolver.MAX_N) {
                throw new IllegalArgumentException("n of the exact comparison must be in [0, "
                        + SchroeppelShamirSolver.MAX_N + "], got " + n);
            }
        }
        List<ExactRow> rows = new ArrayList<>();
        if (sizes.isEmpty()) {
            return rows;
        }
        SubsetSumProblem warm = instance(seed, 32, instances, 0);
        MeetInTheMiddleSolver.create().solve(warm);
        SchroeppelShamirSolver.create().solve(warm);
        for (int n : sizes) {
            SubsetSumProblem[] problems = new SubsetSumProblem[instances];
            for (int i = 0; i < instances; i++) {
                problems[i] = instance(seed, n, i, 0);
            }
            double[] mitmErrors = null;
            double mitmTime = Double.NaN;
            if (n <= MeetInTheMiddleSolver.MAX_N) {
                double[] seconds = new double[instances];
                double[] cpu = new double[instances];
                mitmErrors = new double[instances];
                for (int i = 0; i < instances; i++) {
                    long c0 = cpuNanos();
                    long t0 = System.nanoTime();
                    mitmErrors[i] = MeetInTheMiddleSolver.create().solve(problems[i]).error();
                    seconds[i] = (System.nanoTime() - t0) / 1e9;
                    cpu[i] = c0 < 0 ? Double.NaN : (cpuNanos() - c0) / 1e9;
                }
                // The ratio compares CPU time (the work; wall time on a shared machine includes waiting).
                mitmTime = Double.isNaN(median(cpu)) ? median(seconds) : median(cpu);
                ExactRow row = new ExactRow(n, MeetInTheMiddleSolver.NAME, instances, median(seconds), max(seconds),
                        median(cpu), max(mitmErrors), MeetInTheMiddleSolver.peakArrayBytes(n, 0), Double.NaN, Double.NaN);
                rows.add(row);
                progress.accept(row);
            }
            double[] seconds = new double[instances];
            double[] cpu = new double[instances];
            double[] errors = new double[instances];
            double disagreement = mitmErrors == null ? Double.NaN : 0;
            for (int i = 0; i < instances; i++) {
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                errors[i] = SchroeppelShamirSolver.create().solve(problems[i]).error();
                seconds[i] = (System.nanoTime() - t0) / 1e9;
                cpu[i] = c0 < 0 ? Double.NaN : (cpuNanos() - c0) / 1e9;
                if (mitmErrors != null) {
                    disagreement = Math.max(disagreement, Math.abs(errors[i] - mitmErrors[i]));
                }
            }
            ExactRow row = new ExactRow(n, SchroeppelShamirSolver.NAME, instances, median(seconds), max(seconds),
                    median(cpu), max(errors), SchroeppelShamirSolver.peakArrayBytes(n),
                    (Double.isNaN(median(cpu)) ? median(seconds) : median(cpu)) / mitmTime, disagreement);
            rows.add(row);
            progress.accept(row);
        }
        return rows;
    }

    /** CPU nanoseconds of the current thread, or -1 where the JVM does not measure them. */
    private static long cpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled() ? mx.getCurrentThreadCpuTime() : -1;
    }

    private static Row measure(SubsetSumSolver solver, SubsetSumProblem[] problems, double[] optimum,
                               SubsetSumResult[] results, double step) {
        int m = problems.length;
        for (SubsetSumProblem p : problems) {
            solver.solve(p);
        }
        double[] seconds = new double[m];
        double[] errors = new double[m];
        double maxGap = 0;
        double maxExcess = optimum == null ? Double.NaN : 0;
        int optimal = 0;
        for (int i = 0; i < m; i++) {
            long t0 = System.nanoTime();
            SubsetSumResult r = solver.solve(problems[i]);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            results[i] = r;
            errors[i] = r.error();
            maxGap = Math.max(maxGap, r.gap());
            if (optimum != null) {
                maxExcess = Math.max(maxExcess, r.error() - optimum[i]);
            }
            optimal += r.optimal() ? 1 : 0;
        }
        return new Row(problems[0].size(), solver.name(), step, m, median(seconds), max(seconds), median(errors),
                max(errors), maxGap, maxExcess, optimal);
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int k = s.length / 2;
        return s.length % 2 == 1 ? s[k] : 0.5 * (s[k - 1] + s[k]);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
