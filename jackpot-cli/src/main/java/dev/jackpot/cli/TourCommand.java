package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.nn.lottery.LotteryTourStep;
import dev.jackpot.theory.Tour;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code jackpot tour}: a short demonstration of every capability, writing real runs. */
@Command(name = "tour", mixinStandardHelpOptions = true,
        description = {"Run a short demonstration of everything Jackpot can do so far (about a minute on 2 cores), "
                + "writing runs, plots and a summary under OUT.",
                "Steps: one teacher-student trial; AGD against GD; magnitude and GraSP learner masks; tensor "
                        + "initialisation error against N; binary labels; support overlap and r-tilde; random subset sum; Pensia and Malach constructions; Lueker's subset-sum coverage; "
                        + "iterative magnitude pruning of LeNet-300-100 on Fashion-MNIST (when installed); Figure 4 of "
                        + "Zhang et al. (2021) at quick scale with its claim checked. Finished runs are reused when "
                        + "the tour is run again."})
final class TourCommand implements Callable<Integer> {

    private static final int STEPS = 11;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Mixin
    OutputOptions output;

    @Option(names = "--seed", description = "Root seed of every trial (default ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Tour.Outcome outcome;
        try (Progress progress = Progress.start("tour", STEPS, quiet)) {
            int[] step = {0};
            outcome = Tour.run(output.out, seed, LotteryTourStep::run, name -> progress.update(step[0]++, name));
            progress.update(STEPS, "done");
        }
        PrintWriter out = commandSpec.commandLine().getOut();
        ObjectNode summary = outcome.summary().deepCopy();
        summary.put("runDir", outcome.layout().dir().toString());
        if (output.json) {
            OutputOptions.printJson(out, summary);
        } else {
            out.println("Tour finished. Summary: " + outcome.layout().dir().resolve("summary.md"));
            out.println();
            out.print(java.nio.file.Files.readString(outcome.layout().dir().resolve("summary.md")));
            out.flush();
        }
        return ExitCodes.OK;
    }
}
