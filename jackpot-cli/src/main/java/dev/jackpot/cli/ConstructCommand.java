package dev.jackpot.cli;

import dev.jackpot.construct.Construction;
import dev.jackpot.construct.Constructions;
import dev.jackpot.construct.MalachConstruction;
import dev.jackpot.construct.PensiaConstruction;
import dev.jackpot.construct.ReluMlp;
import dev.jackpot.run.Resources;
import dev.jackpot.strong.ConstructRun;
import dev.jackpot.strong.ConstructRunSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code jackpot construct}: strong lottery tickets built by pruning a random network. */
@Command(name = "construct", mixinStandardHelpOptions = true,
        description = "Prune a random ReLU network of depth 2l, without training, into an approximation of a random "
                + "target of depth l (Pensia et al., NeurIPS 2020; Malach et al., ICML 2020).",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {ConstructCommand.Pensia.class, ConstructCommand.Malach.class})
final class ConstructCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required, e.g. 'jackpot construct pensia'");
    }

    /** The options and report shared by both constructions. */
    abstract static class Base implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Option(names = "--widths", paramLabel = "D", split = ",", defaultValue = "4,3,2",
                description = "Target widths d_0,...,d_l (default ${DEFAULT-VALUE}). The target's entries are uniform in "
                        + "+-1/sqrt(d_in), each layer scaled to Frobenius norm <= 1 (so spectral norm <= 1).")
        int[] widths;

        @Option(names = "--eps", paramLabel = "E", defaultValue = "0.01",
                description = "Requested per-weight error, in (0, 1) (default ${DEFAULT-VALUE}).")
        double eps;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
                description = "Root seed of the target, the random network and the test points (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--test-points", paramLabel = "M", defaultValue = "1000",
                description = "Test inputs with ||x||_2 <= 1 for the sup-norm error (default ${DEFAULT-VALUE}).")
        int testPoints;

        @Mixin
        OutputOptions output;

        abstract Construction build(ReluMlp target);

        /** @return the run's spec; validates the construction's own options */
        abstract ConstructRunSpec spec();

        @Override
        public Integer call() throws IOException {
            Instant started = Instant.now();
            if (widths == null) {
                throw new IllegalArgumentException("--widths must list d_0,...,d_l");
            }
            if (!(eps > 0 && eps < 1)) {
                throw new IllegalArgumentException("--eps must be in (0, 1), got " + eps);
            }
            if (testPoints < 0) {
                throw new IllegalArgumentException("--test-points must be non-negative, got " + testPoints);
            }
            ReluMlp target;
            try {
                target = ReluMlp.randomTarget(widths, seed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--widths: " + e.getMessage(), e);
            }
            ConstructRunSpec runSpec = spec();
            // The target is small; the random network the construction prunes is what may not fit.
            Resources.requireHeap("construct", runSpec.estimatedBytes(), runSpec.sizes());
            long t0 = System.nanoTime();
            Construction c = build(target);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double sup = c.supError(Constructions.testInputs(widths[0], testPoints, seed));
            double maxErr = c.maxWeightError();
            double bound = Constructions.supErrorBound(widths, maxErr);
            ConstructRun.Run run = ConstructRun.write(output.out, runSpec, c, sup, seconds, started);
            PrintWriter out = commandSpec.commandLine().getOut();
            if (output.json) {
                OutputOptions.printJson(out, run.json());
                return ExitCodes.OK;
            }
            out.printf("construction          %s  (target %s, eps %s, seed %d)%n", c.method(), Arrays.toString(widths), eps, seed);
            out.printf("sup error             %.6g  over %d test points with ||x|| <= 1%n", sup, testPoints);
            out.printf("max per-weight error  %.6g  (%s eps; bound on the sup error %.6g)%n", maxErr,
                    maxErr <= eps ? "within" : "NOT within", bound);
            out.printf("parameters            random %d, kept %d, target %d%n", c.randomParameters(), c.keptParameters(),
                    c.targetParameters());
            out.printf("over-parameterisation %.1f x  (hidden widths %s, %.1f candidates per weight)%n",
                    c.overParameterisation(), Arrays.toString(c.hiddenWidths()), c.meanCandidates());
            out.printf("seconds               %.3f%n", seconds);
            out.printf("run                   %s%n", run.layout().dir());
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code jackpot construct pensia}. */
    @Command(name = "pensia", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Pensia et al. (NeurIPS 2020), theory version: 2n random hidden units per input coordinate "
                    + "(n with a > 0, n with a < 0), all weights U[-1,1]; each target weight w is matched by two "
                    + "subset sums over the products b_i a_i ~ w and d_i |c_i| ~ -w (width O(log 1/eps)).",
                    "Prints the sup-norm error on test points, the largest per-weight error, the random, kept and "
                            + "target parameter counts, the over-parameterisation factor and the time, and writes "
                            + "OUT/construct-pensia-<hash>/ (spec.yaml, manifest.json, plots/weight-errors.png and .svg, "
                            + "ticket.npz, report.html, report.md, result.json)."})
    static final class Pensia extends Base {

        @Option(names = "--n", paramLabel = "N",
                description = "Candidates per group and input coordinate (default ceil(2 log2(1/eps)) + 4; exact "
                        + "solver up to 40, grid beyond).")
        Integer n;

        private int candidates() {
            int value = n == null ? PensiaConstruction.defaultN(eps) : n;
            if (value <= 0) {
                throw new IllegalArgumentException("--n must be positive, got " + value);
            }
            return value;
        }

        @Override
        Construction build(ReluMlp target) {
            return PensiaConstruction.build(target, candidates(), seed);
        }

        @Override
        ConstructRunSpec spec() {
            return new ConstructRunSpec("pensia", Arrays.stream(widths).boxed().toList(), eps, seed, testPoints,
                    candidates(), null);
        }
    }

    /** {@code jackpot construct malach}. */
    @Command(name = "malach", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Malach et al. (ICML 2020), weight pruning: w x = w relu(x) - w relu(-x); random hidden units "
                    + "(a, b) ~ U[-1,1] are drawn per input coordinate until every weight has one unit with a > 0 and "
                    + "|a b - w| <= eps and one with a < 0 and |b |a| + w| <= eps (width polynomial in 1/eps).",
                    "Prints the same report as 'construct pensia' and writes OUT/construct-malach-<hash>/ with the "
                            + "same files."})
    static final class Malach extends Base {

        @Option(names = "--max-units", paramLabel = "U", defaultValue = "1000000",
                description = "Most hidden units drawn per input coordinate (default ${DEFAULT-VALUE}); weights not "
                        + "matched by then keep their closest products and report the error.")
        int maxUnits;

        @Override
        Construction build(ReluMlp target) {
            if (maxUnits <= 0) {
                throw new IllegalArgumentException("--max-units must be positive, got " + maxUnits);
            }
            return MalachConstruction.build(target, eps, maxUnits, seed);
        }

        @Override
        ConstructRunSpec spec() {
            return new ConstructRunSpec("malach", Arrays.stream(widths).boxed().toList(), eps, seed, testPoints, null,
                    maxUnits);
        }
    }
}
