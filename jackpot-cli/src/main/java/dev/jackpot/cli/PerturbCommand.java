package dev.jackpot.cli;

import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.popup.PerturbRun;
import dev.jackpot.nn.popup.PerturbSpec;
import dev.jackpot.nn.popup.PerturbedStrongLth;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code jackpot perturb}: the sparsity x eps table of PGD+StrongLTH. */
@Command(name = "perturb", mixinStandardHelpOptions = true, sortOptions = false,
        description = "PGD+StrongLTH (Xiong, Liao, Kyrillidis 2023) on an MLP and Fashion-MNIST: projected SGD inside "
                + "||W - W0||_inf <= eps, then edge-popup over the perturbed weights for each sparsity s (fraction PRUNED "
                + "per layer; edge-popup keeps k = 1 - s), best s by validation loss. Prints the test-accuracy table, "
                + "writes OUT/perturb-<hash>/ (heatmap PNG/SVG, report.md, result.json). Quick preset: minutes. Each finished "
                + "cell is kept in the run's cells/ directory, so re-running an interrupted table resumes it. With --engine spark "
                + "the cells run as Spark tasks (projected SGD per eps, then edge-popup per cell), with the local run's results.")
final class PerturbCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Mixin
    OutputOptions output;

    @Option(names = "--preset", paramLabel = "P", defaultValue = "quick", description = "quick or paper (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--eps", paramLabel = "LIST", split = ",", description = "Radii, ascending (default: the paper's grid).")
    List<Double> eps;

    @Option(names = "--sparsity", paramLabel = "LIST", split = ",",
            description = "Fractions PRUNED, ascending, in (0, 1) (default: the preset's grid).")
    List<Double> sparsity;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "2023", description = "Root seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "libtorch intra-op threads (default: "
            + "JACKPOT_NN_THREADS, else all cores). A resumed run must use the count it started with: results are "
            + "bit-identical only at the same count.")
    Integer threads;

    @CommandLine.Mixin
    DeepEngineOptions engine;

    @Override
    public Integer call() throws Exception {
        engine.check();
        PerturbSpec spec;
        try {
            spec = switch (preset.toLowerCase(Locale.ROOT)) {
                case "quick" -> PerturbSpec.quick(seed);
                case "paper" -> PerturbSpec.paper(seed);
                default -> throw new IllegalArgumentException("--preset must be quick or paper, got '" + preset + "'.");
            };
            spec = spec.withGrids(eps == null ? spec.epsilons() : eps, sparsity == null ? spec.pruned() : sparsity);
            if (spec.pruned().contains(0.0)) {
                throw new IllegalArgumentException("--sparsity lists fractions pruned by edge-popup, in (0, 1); s = 0 (the "
                        + "unpruned perturbed network) is always reported.");
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage());
        }
        PrintWriter err = commandSpec.commandLine().getErr();
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--threads must be positive, got "
                    + threads + ".");
        }
        Compute compute = threads == null ? Compute.fromEnvironment() : Compute.cpu(threads);
        PerturbedStrongLth.Listener progress = (c, done, total) -> {
            err.printf(Locale.ROOT, "[%d/%d] eps %s s %.2f: test accuracy %.4f%n", done, total, c.eps(), c.pruned(),
                    c.testAccuracy());
            err.flush();
        };
        PerturbRun.Outcome r;
        if (engine.spark()) {
            // two rounds of Spark tasks: projected SGD per eps, then edge-popup per cell
            try (TaskExecutor executor = engine.open("jackpot perturb")) {
                r = PerturbRun.run(spec, output.out, compute, progress, executor);
            }
        } else {
            r = PerturbRun.run(spec, output.out, compute, progress);
        }
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            OutputOptions.printJson(out, r.result());
        } else {
            out.print(r.report());
            out.printf("run %s%n", r.layout().dir());
            out.flush();
        }
        return ExitCodes.OK;
    }
}
