package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.report.Claim;
import dev.jackpot.strong.Widths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

/** {@code jackpot strong widths}: Pensia's logarithmic against Malach's polynomial width. */
@Command(name = "widths", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sweep the width of the Pensia et al. construction (candidates per group n) and the error of the "
                + "Malach et al. construction (eps) on the same fixed target; plot the error against n and the random "
                + "network's parameters against the error; fit and check the claims. Writes OUT/strong-widths-<hash>/ "
                + "(one SQLite row per random network, plots, report.html, report.md). Seconds; resumable, and on Spark with "
                + "--engine spark.")
final class StrongWidthsCommand extends SweepingCommand {

    @Mixin
    OutputOptions output;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "2020", description = "Root seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "3",
            description = "Random networks per point (default ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    Integer execute() throws Exception {
        Widths q = Widths.quick();
        Widths spec;
        try {
            spec = new Widths(seed, q.widths(), q.ns(), q.epsilons(), repeats, q.testPoints());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage());
        }
        Optional<Widths.Result> done;
        try (SweepProgress progress = progress("widths"); TaskExecutor executor = taskExecutor("jackpot strong widths")) {
            done = spec.run(output.out, executor, tasks, progress);
        }
        if (interrupted()) {
            return stopped();
        }
        if (done.isEmpty()) {
            return failed("constructions", output.out.resolve(spec.id().toString()));
        }
        Widths.Result r = done.get();
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("runDir", r.layout().dir().toString());
            ArrayNode pts = o.putArray("points");
            for (Widths.Point p : r.points()) {
                ObjectNode n = pts.addObject();
                n.put("method", p.method());
                n.put("setting", p.setting());
                n.put("maxError", p.maxError());
                n.put("supError", p.supError());
                n.put("parameters", p.parameters());
            }
            o.put("pensiaLogErrorSlopePerN", r.errorFit().slope());
            o.put("pensiaLogErrorR2", r.errorFit().r2());
            o.put("pensiaParameterExponent", r.pensiaParams().slope());
            o.put("malachParameterExponent", r.malachParams().slope());
            o.put("malachParameterR2", r.malachParams().r2());
            ArrayNode claims = o.putArray("claims");
            r.claims().forEach(c -> claims.add(c.toJson()));
            OutputOptions.printJson(out, o);
        } else {
            out.printf("report   %s%n", r.layout().dir().resolve("report.html"));
            for (Widths.Point p : r.points()) {
                out.printf(Locale.ROOT, "%-7s %-10s max error %.3e  sup error %.3e  parameters %.0f%n", p.method(),
                        p.method().equals("pensia") ? "n=" + (int) p.setting() : "eps=" + p.setting(), p.maxError(),
                        p.supError(), p.parameters());
            }
            for (Claim c : r.claims()) {
                out.printf("[%s] %s: %s = %s%n", c.status().label(), c.claim(),
                        c.statistic(), c.value());
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}
