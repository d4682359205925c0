package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.report.Claim;
import dev.jackpot.repro.MaskFloors;
import dev.jackpot.stats.Sample;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

/** {@code jackpot reproduce zhang2021-floors}: the least test error each of Fig. 7's masks allows (Figs. 7-9). */
@Command(name = "zhang2021-floors", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Zhang et al. (2021) Figs. 7-9: for each of Fig. 7's trials (the same specs and seeds), the "
                + "mask's floor, the least population test error of any weights on the mask (closed form, "
                + "minimised), beside Algorithm 1's; and the floors of the most favourable masks of each accuracy "
                + "(the oracle's support less its smallest weights). Checks the paper's errors against them. A "
                + "resumable run in OUT/zhang2021-mask-floors-<hash>/ (one SQLite row per trial).",
                "Ctrl-C stops after the trials in flight; running the same command again resumes where it stopped."})
final class ReproduceZhangFloorsCommand extends SweepingCommand {

    @Mixin
    OutputOptions output;

    @Option(names = "--trials", defaultValue = "200", description = "Fig. 7's first trials per mask source and "
            + "pruning ratio, at most 1000 (default ${DEFAULT-VALUE}).")
    int trials;

    @Override
    Integer execute() throws Exception {
        MaskFloors.Spec spec;
        try {
            spec = MaskFloors.Spec.of(trials);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--trials: " + e.getMessage());
        }
        Optional<MaskFloors.Result> result;
        try (SweepProgress progress = progress("zhang2021-floors");
             TaskExecutor executor = taskExecutor("jackpot reproduce zhang2021-floors")) {
            result = MaskFloors.run(spec, output.out, executor, tasks, progress);
        }
        String runDir = output.out.resolve(MaskFloors.id(spec).toString()).toString();
        if (interrupted()) {
            return stopped();
        }
        if (result.isEmpty()) {
            return failed("trials", runDir);
        }
        print(commandSpec.commandLine().getOut(), result.get(), runDir, output.json);
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, MaskFloors.Result result, String runDir, boolean json) {
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("runDir", runDir);
            ArrayNode f = o.putArray("favourable");
            result.favourable().forEach(v -> f.addObject().put("dropped", v.dropped()).put("accuracy", v.accuracy())
                    .put("meanFloor", Sample.mean(v.floors())));
            ArrayNode c = o.putArray("claims");
            result.claims().forEach(v -> c.add(v.toJson()));
            OutputOptions.printJson(out, o);
            return;
        }
        out.printf("%-9s %9s %11s%n", "dropped", "accuracy", "mean floor");
        for (MaskFloors.Favourable v : result.favourable()) {
            out.printf(Locale.ROOT, "%-9d %9.2f %11.3e%n", v.dropped(), v.accuracy(), Sample.mean(v.floors()));
        }
        for (Claim c : result.claims()) {
            out.printf(Locale.ROOT, "  [%s] Fig. %s: %s: %s = %.3e%n", c.status().label(), c.figure(), c.claim(),
                    c.statistic(), c.value());
        }
        out.println("run: " + runDir);
        out.flush();
    }
}
