package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.repro.GraspVariants;
import dev.jackpot.stats.Sample;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code jackpot reproduce zhang2021-grasp}: GraSP mask accuracy under each procedure variant (Figs. 7-9). */
@Command(name = "zhang2021-grasp", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Zhang et al. (2021) Figs. 7-9 depend on GraSP masks whose accuracy the paper plots at "
                + "0.72-0.99; this measures the mask-accuracy distribution of the reference GraSP and of one variant "
                + "per unspecified choice (warm-up start and length, scoring samples, per-neuron selection, sign), "
                + "on the same trials, at pruning ratios 40-70%%. Writes OUT/zhang2021-grasp-variants-<hash>/."})
final class ReproduceZhangGraspCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Mixin
    OutputOptions output;

    @Option(names = "--trials", defaultValue = "100", description = "Trials per variant and ratio (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--seed", defaultValue = "1", description = "Root seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default ${DEFAULT-VALUE}; results do "
            + "not depend on it).")
    int threads;

    @Mixin
    LocalEngineOptions engine;

    @Override
    public Integer call() throws Exception {
        engine.requireLocal("its variant trials run on this JVM's threads, not as TaskRunner tasks, and take minutes "
                + "at the paper's 1000 trials");
        List<GraspVariants.Row> rows = GraspVariants.run(trials, seed, output.out, threads);
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("runDir", output.out.resolve(GraspVariants.id(trials, seed).toString()).toString());
            ArrayNode a = o.putArray("rows");
            rows.forEach(r -> a.addObject().put("variant", r.variant().name()).put("ratio", r.ratio())
                    .put("mean", Sample.mean(r.accuracy())).put("p10", r.quantile(0.1)).put("p90", r.quantile(0.9))
                    .put("inWindow", r.inWindow()));
            OutputOptions.printJson(out, o);
            return ExitCodes.OK;
        }
        out.printf("%-22s %6s %6s %6s %6s %9s%n", "variant", "ratio", "mean", "p10", "p90", "in window");
        for (GraspVariants.Row r : rows) {
            out.printf(Locale.ROOT, "%-22s %5.0f%% %6.3f %6.3f %6.3f %9.3f%n", r.variant().name(), 100 * r.ratio(),
                    Sample.mean(r.accuracy()), r.quantile(0.1), r.quantile(0.9), r.inWindow());
        }
        out.println("run: " + output.out.resolve(GraspVariants.id(trials, seed).toString()));
        out.flush();
        return ExitCodes.OK;
    }
}
