package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.report.Claim;
import dev.jackpot.repro.MaskFloors;
import dev.jackpot.stats.Sample;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code jackpot reproduce zhang2021-floors}: the least test error each of Fig. 7's masks allows (Figs. 7-9). */
@Command(name = "zhang2021-floors", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Zhang et al. (2021) Figs. 7-9: for each of Fig. 7's trials (the same specs and seeds), the "
                + "mask's floor, the least population test error of any weights on the mask (closed form, "
                + "minimised), beside Algorithm 1's; and the floors of the most favourable masks of each accuracy "
                + "(the oracle's support less its smallest weights). Checks the paper's errors against them. Writes "
                + "OUT/zhang2021-mask-floors-<hash>/."})
final class ReproduceZhangFloorsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Mixin
    OutputOptions output;

    @Option(names = "--trials", defaultValue = "200", description = "Fig. 7's first trials per mask source and "
            + "pruning ratio, at most 1000 (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default ${DEFAULT-VALUE}; results do "
            + "not depend on it).")
    int threads;

    @Option(names = "--quiet", description = "No progress on standard error.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (trials < 1 || trials > 1000 || threads < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--trials must lie in [1, 1000] and "
                    + "--threads be positive, got " + trials + " and " + threads + ".");
        }
        MaskFloors.Result result;
        try (Progress progress = Progress.start("zhang2021-floors", 1, quiet)) {
            result = MaskFloors.run(trials, output.out, threads, (done, total) -> {
                synchronized (progress) {
                    progress.maxHint(total);
                    progress.update(done, "");
                }
            });
        }
        String runDir = output.out.resolve(MaskFloors.id(trials).toString()).toString();
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("runDir", runDir);
            ArrayNode f = o.putArray("favourable");
            result.favourable().forEach(v -> f.addObject().put("dropped", v.dropped()).put("accuracy", v.accuracy())
                    .put("meanFloor", Sample.mean(v.floors())));
            ArrayNode c = o.putArray("claims");
            result.claims().forEach(v -> c.add(v.toJson()));
            OutputOptions.printJson(out, o);
            return ExitCodes.OK;
        }
        out.printf("%-9s %9s %11s%n", "dropped", "accuracy", "mean floor");
        for (MaskFloors.Favourable v : result.favourable()) {
            out.printf(Locale.ROOT, "%-9d %9.2f %11.3e%n", v.dropped(), v.accuracy(), Sample.mean(v.floors()));
        }
        List<Claim> claims = result.claims();
        for (Claim c : claims) {
            out.printf(Locale.ROOT, "  [%s] Fig. %s: %s: %s = %.3e%n", c.status().label(), c.figure(), c.claim(),
                    c.statistic(), c.value());
        }
        out.println("run: " + runDir);
        out.flush();
        return ExitCodes.OK;
    }
}
