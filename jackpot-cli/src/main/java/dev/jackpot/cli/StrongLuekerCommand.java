package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.report.Claim;
import dev.jackpot.repro.Scale;
import dev.jackpot.strong.Lueker;
import dev.jackpot.strong.LuekerSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;

/** {@code jackpot strong lueker}: success of random subset sum against n, and n_50 against log(1/eta). */
@Command(name = "lueker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lueker's random subset sum: the probability that n random candidates (uniform on [-1,1], or "
                + "products of two uniforms as in Pensia et al.) approximate EVERY target in [-1,1] within eta, against "
                + "n, with and without Xiong et al.'s perturbation eps = ratio x eta; fits n_50 = c ln(1/eta) + b. "
                + "A resumable run in OUT/lueker-<hash>/ with one SQLite row per trial, plots, report.html and report.md "
                + "with the claims checked on the data.",
                "Ctrl-C stops after the trials in flight; running the same command again resumes where it stopped."})
final class StrongLuekerCommand extends SweepingCommand {

    @Mixin
    OutputOptions output;

    @Option(names = "--scale", description = "quick (about a minute on 2 cores), paper (n to 23, eta to 1e-5, "
            + "eps/eta 0, 1, 10, 400 trials; tens of minutes) (default ${DEFAULT-VALUE}).", defaultValue = "quick")
    Scale scale;

    @Option(names = "--trials", paramLabel = "T", description = "Trials per (law, ratio, n), overriding the scale's.")
    Integer trials;

    @Option(names = "--seed", paramLabel = "S", description = "Root seed, overriding the scale's (1998).")
    Long seed;

    @Override
    Integer execute() throws Exception {
        LuekerSpec spec = scale == Scale.PAPER ? LuekerSpec.paper() : LuekerSpec.quick();
        if (trials != null) {
            spec = spec.withTrials(trials);
        }
        if (seed != null) {
            spec = spec.withSeed(seed);
        }
        Lueker.Result result;
        try (SweepProgress progress = progress("lueker"); TaskExecutor executor = taskExecutor("jackpot strong lueker")) {
            result = Lueker.run(spec, output.out, executor, tasks, progress);
        }
        print(commandSpec.commandLine().getOut(), result, output.json);
        if (interrupted()) {
            return stopped();
        }
        if (!result.complete()) {
            return failed("trials", result.layout().dir());
        }
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, Lueker.Result result, boolean json) {
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("runDir", result.layout().dir().toString());
            o.put("complete", result.complete());
            o.put("computed", result.computed());
            ArrayNode curves = o.putArray("fits");
            for (Lueker.Curve c : result.curves()) {
                ObjectNode n = curves.addObject();
                n.put("law", c.law().label());
                n.put("ratio", c.ratio());
                n.put("c", c.fit().slope());
                n.put("b", c.fit().intercept());
                n.put("r2", c.fit().r2());
                n.put("points", c.fit().points());
                ArrayNode n50 = n.putArray("n50");
                for (double v : c.n50()) {
                    n50.add(v);
                }
            }
            claims(o.putArray("claims"), result);
            OutputOptions.printJson(out, o);
            return;
        }
        if (!result.complete()) {
            out.printf("incomplete (%s); run again to resume%n", result.layout().dir());
            out.flush();
            return;
        }
        out.printf("report   %s%n", result.layout().dir().resolve("report.html"));
        for (Lueker.Curve c : result.curves()) {
            out.printf(Locale.ROOT, "%-8s eps/eta=%-4s  n_50 = %.2f ln(1/eta) + %.2f  (R^2 %.3f, %d points)%n",
                    c.law().label(), fmtRatio(c.ratio()), c.fit().slope(), c.fit().intercept(), c.fit().r2(),
                    c.fit().points());
        }
        for (Claim c : result.claims()) {
            out.printf("[%s] %s: %s = %s%n", c.status().label(), c.claim(), c.statistic(),
                    c.value());
        }
        out.flush();
    }

    private static String fmtRatio(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    static void claims(ArrayNode arr, Lueker.Result result) {
        result.claims().forEach(c -> arr.add(c.toJson()));
    }
}
