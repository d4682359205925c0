package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.report.Claim;
import dev.jackpot.repro.Scale;
import dev.jackpot.repro.Zhang2021;
import dev.jackpot.sweep.TrialExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

/** {@code jackpot reproduce zhang2021}: the synthetic experiments of "Why Lottery Ticket Wins?". */
@Command(name = "zhang2021", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reproduce the synthetic experiments of Zhang, Wang, Liu, Chen, Xiong, \"Why Lottery Ticket Wins?\" "
                + "(NeurIPS 2021). Each figure is a resumable sweep in OUT/zhang2021-fig<N>-<hash>/ with one SQLite row "
                + "per trial; when complete, the figure is drawn and each claim of the paper is checked on the data and "
                + "written to report.html and report.md (a claim the data does not support is reported as not "
                + "reproduced, with its numbers).",
                "Ctrl-C stops after the trials in flight; running the same command again resumes where it stopped."})
final class ReproduceZhangCommand extends SweepingCommand {

    @Mixin
    OutputOptions output;

    @Option(names = "--figure", paramLabel = "N", split = ",",
            description = "Figures to reproduce (default: all available: ${sys:jackpot.zhang.figures}).")
    List<Integer> figures;

    @Option(names = "--scale", description = "quick (minutes, what CI runs) or paper (the paper's grids and trial counts; hours) "
            + "(default ${DEFAULT-VALUE}).", defaultValue = "quick")
    Scale scale;

    @Override
    Integer execute() throws Exception {
        List<Integer> which = figures == null || figures.isEmpty() ? Zhang2021.figures() : figures;
        for (int f : which) {
            Zhang2021.figure(f);
        }
        List<Zhang2021.FigureRun> runs = new java.util.ArrayList<>();
        try (TrialExecutor executor = executor("jackpot reproduce zhang2021"); SweepProgress progress = progress("zhang2021")) {
            for (int f : which) {
                runs.add(Zhang2021.run(f, scale, output.out, executor, runner, progress));
                if (progress.interrupted()) {
                    break;
                }
            }
        }
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("paper", "zhang2021");
            o.put("scale", scale.name().toLowerCase(java.util.Locale.ROOT));
            ArrayNode arr = o.putArray("runs");
            for (Zhang2021.FigureRun r : runs) {
                ObjectNode n = arr.addObject();
                n.put("figure", r.figure());
                n.put("runDir", r.layout().dir().toString());
                n.put("complete", r.complete());
                ArrayNode figs = n.putArray("figures");
                if (Files.isDirectory(r.layout().plots())) {
                    try (Stream<java.nio.file.Path> files = Files.list(r.layout().plots())) {
                        files.map(p -> p.toString()).filter(p -> p.endsWith(".png")).sorted().forEach(figs::add);
                    }
                }
                ArrayNode claims = n.putArray("claims");
                for (Claim c : r.claims()) {
                    claims.add(c.toJson());
                }
            }
            OutputOptions.printJson(out, o);
        } else {
            for (Zhang2021.FigureRun r : runs) {
                out.printf("Figure %d: %s%n", r.figure(), r.complete() ? r.layout().dir().resolve("report.html")
                        : "incomplete (" + r.layout().dir() + "); run again to resume");
                for (Claim c : r.claims()) {
                    out.printf("  [%s] %s: %s = %s%n", c.status().label(), c.claim(),
                            c.statistic(), c.value());
                }
            }
            out.flush();
        }
        if (interrupted()) {
            return stopped();
        }
        if (runs.stream().anyMatch(r -> !r.complete())) {
            commandSpec.commandLine().getErr().println("jackpot: some trials failed (see 'jackpot results show RUN'); "
                    + "run the same command again to retry them");
            commandSpec.commandLine().getErr().flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }
}
