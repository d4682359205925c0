package dev.jackpot.cli;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.run.Resources;
import dev.jackpot.strong.SubsetSumRun;
import dev.jackpot.strong.SubsetSumRunSpec;
import dev.jackpot.subsetsum.GridSolver;
import dev.jackpot.subsetsum.SubsetSumProblem;
import dev.jackpot.subsetsum.SubsetSumResult;
import dev.jackpot.subsetsum.SubsetSumSolver;
import dev.jackpot.subsetsum.SubsetSumStrategy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/** {@code jackpot subset-sum}: solves one subset-sum instance. */
@Command(name = "subset-sum", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Solve one subset-sum instance: the subset of the candidates whose sum is nearest a target.",
                "Minimises |sum_{i in S} x_i - z| over subsets S, or with --eps e (each chosen x_i may move by at "
                        + "most e; Xiong et al., AISTATS 2023) max(0, |sum_S x_i - z| - e |S|).",
                "Prints the subset (0-based indices), its sum, its error (recomputed from the subset), whether it is "
                        + "proven optimal, the gap (a bound on error minus the optimum), the solver and the time, and writes "
                        + "OUT/subset-sum-<hash>/ (spec.yaml, manifest.json, plots/partial-sums.png and .svg, report.html, "
                        + "report.md, result.json); the same instance always writes the same directory."})
final class SubsetSumCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--values", paramLabel = "X", split = ",",
            description = "The candidates, comma-separated, e.g. 0.3,-0.7,0.25.")
    double[] values;

    @Option(names = "--random", paramLabel = "N",
            description = "Instead of --values: draw N candidates uniform in [-1, 1] from --seed.")
    Integer random;

    @Option(names = "--seed", paramLabel = "S", description = "Root seed for --random (default 1); the candidates come from the "
            + "stream derived by the name \"subset-sum\".")
    Long seed;

    @Option(names = "--target", paramLabel = "Z", required = true, description = "The target z.")
    double target;

    @Option(names = "--eps", paramLabel = "E", defaultValue = "0",
            description = "How far each chosen candidate may move (default ${DEFAULT-VALUE}: plain subset sum).")
    double eps;

    @Option(names = "--solver", paramLabel = "SOLVER", defaultValue = "auto", converter = StrategyName.class,
            completionCandidates = StrategyName.class,
            description = "${COMPLETION-CANDIDATES}: exact is proven optimal, meet in the middle for n <= 44 and "
                    + "Schroeppel-Shamir beyond (n <= 64, --eps 0 only; O(2^(n/4)) memory, seconds at n = 48, minutes "
                    + "from n = 56); schroeppel-shamir forces the latter at any n; grid is a "
                    + "dynamic programme on a grid of step --grid-step (any n its tables fit, within the reported gap); "
                    + "auto is exact for n <= " + SubsetSumStrategy.AUTO_EXACT_MAX_N + " (default ${DEFAULT-VALUE}).")
    SubsetSumStrategy solver;

    /** The solver names on the command line ({@link SubsetSumStrategy#cliName()}), e.g. schroeppel-shamir. */
    static final class StrategyName implements CommandLine.ITypeConverter<SubsetSumStrategy>, Iterable<String> {
        @Override
        public SubsetSumStrategy convert(String value) {
            try {
                return SubsetSumStrategy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(SubsetSumStrategy.values()).map(SubsetSumStrategy::cliName).iterator();
        }
    }

    @Option(names = "--grid-step", paramLabel = "DELTA",
            description = "Grid step of the grid solver (default 1e-5 x max|x_i|, or 1e-4 x max|x_i| with --eps > 0).")
    Double gridStep;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        Instant started = Instant.now();
        if (random != null && random > 0) {
            Resources.requireHeap("subset-sum", SubsetSumRunSpec.estimatedBytes(random), "--random " + random
                    + " candidates");
        }
        double[] x = candidates();
        SubsetSumProblem problem = new SubsetSumProblem(x, target, eps);
        OptionalDouble step = gridStep == null ? OptionalDouble.empty() : OptionalDouble.of(gridStep);
        SubsetSumSolver s = solver.solverFor(problem.size(), step);
        long t0 = System.nanoTime();
        SubsetSumResult r = s.solve(problem);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double usedStep = s instanceof GridSolver g ? g.stepFor(problem) : Double.NaN;
        SubsetSumRunSpec spec = new SubsetSumRunSpec(
                values == null ? null : Arrays.stream(values).boxed().toList(), random,
                random == null ? null : seed == null ? 1L : seed, target, eps, solver.cliName(), gridStep);
        SubsetSumRun.Run run = SubsetSumRun.write(output.out, spec, problem, r, usedStep, seconds, started);
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            OutputOptions.printJson(out, run.json());
            return ExitCodes.OK;
        }
        out.printf("subset   %s  (%d of %d)%n", Arrays.toString(r.subset()), r.size(), problem.size());
        out.printf("sum      %s%n", r.sum());
        out.printf("error    %s%n", r.error());
        out.printf("optimal  %s%s%n", r.optimal(), r.optimal() ? "" : "  (gap " + r.gap() + ")");
        out.printf("solver   %s%s%n", r.solver(), Double.isNaN(usedStep) ? "" : "  (grid step " + usedStep + ")");
        out.printf("seconds  %.6f%n", seconds);
        out.printf("run      %s%n", run.layout().dir());
        out.flush();
        return ExitCodes.OK;
    }

    private double[] candidates() {
        if ((values == null) == (random == null)) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "give exactly one of --values X1,X2,... and --random N");
        }
        if (values != null) {
            if (seed != null) {
                throw new CommandLine.ParameterException(commandSpec.commandLine(),
                        "--seed applies only with --random, got --seed " + seed + " with --values");
            }
            return values;
        }
        if (random < 0) {
            throw new IllegalArgumentException("--random must be a non-negative count, got " + random);
        }
        Rng rng = Seeds.stream(seed == null ? 1 : seed, "subset-sum");
        double[] x = new double[random];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.uniform(-1, 1);
        }
        return x;
    }
}
