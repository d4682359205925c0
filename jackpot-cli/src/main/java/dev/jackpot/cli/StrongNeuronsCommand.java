package dev.jackpot.cli;

import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.strong.NeuronSweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code jackpot strong neurons}: neuron pruning of a random 2-layer network as random features. */
@Command(name = "neurons", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Malach et al. (ICML 2020): prune whole hidden neurons of a random 2-layer ReLU network (first layer "
                + "and output weights fixed) to fit a finite sample, by randomised rounding of a sign-consistent "
                + "random-features fit (and optionally a local search); prints the error against the width m and writes "
                + "OUT/strong-neurons-<hash>/ (spec, manifest, one SQLite row per instance, plot, report.html, report.md, "
                + "result.json); resumable, and on Spark with --engine spark.")
final class StrongNeuronsCommand extends SweepingCommand {

    @Option(names = "--widths", paramLabel = "M", split = ",", defaultValue = "25,50,100,200,400,800,1600",
            description = "Widths m of the random network (default ${DEFAULT-VALUE}).")
    List<Integer> widths;

    @Option(names = "--d", defaultValue = "5", description = "Input dimension (default ${DEFAULT-VALUE}).")
    int d;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "20", description = "Sample size (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5", description = "Instances per width (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--ridge", defaultValue = "1e-3", description = "Relative ridge of the random-features fit (default ${DEFAULT-VALUE}).")
    double ridge;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "2020", description = "Root seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    OutputOptions output;

    @Override
    Integer execute() throws Exception {
        NeuronSweep sweep;
        try {
            sweep = new NeuronSweep(widths, d, samples, repeats, ridge, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage());
        }
        Optional<NeuronSweep.Run> done;
        try (SweepProgress progress = progress("neurons"); TaskExecutor executor = taskExecutor("jackpot strong neurons")) {
            done = sweep.run(output.out, executor, tasks, progress);
        }
        if (interrupted()) {
            return stopped();
        }
        if (done.isEmpty()) {
            return failed("instances", output.out.resolve(sweep.id().toString()));
        }
        NeuronSweep.Run run = done.get();
        NeuronSweep.Result r = run.result();
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            OutputOptions.printJson(out, NeuronSweep.json(run));
        } else {
            out.printf("%6s %12s %12s %12s %12s %8s%n", "m", "rounded MSE", "rounded sup", "refined MSE", "RF MSE", "kept");
            for (NeuronSweep.Point p : r.points()) {
                out.printf(Locale.ROOT, "%6d %12.3e %12.3e %12.3e %12.3e %8.1f%n", p.m(), p.roundedMse(), p.roundedSup(),
                        p.refinedMse(), p.rfMse(), p.kept());
            }
            out.printf(Locale.ROOT, "rounded MSE ~ m^%.2f (R^2 %.3f): error %s with width%n", r.fit().slope(), r.fit().r2(),
                    r.shrinks() ? "shrinks" : "does NOT shrink");
            out.printf("run %s%n", run.layout().dir());
            out.flush();
        }
        // an error that does not shrink is a finding, reported above and in result.json, not a failed command
        // (as every experiment reports a claim the data does not support)
        return ExitCodes.OK;
    }
}
