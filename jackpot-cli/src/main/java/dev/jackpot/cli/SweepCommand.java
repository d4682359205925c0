package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.sweep.SweepCodec;
import dev.jackpot.sweep.SweepRunner;
import dev.jackpot.sweep.SweepSpec;
import dev.jackpot.sweep.TrialExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code jackpot sweep}: run a sweep spec. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a sweep: a base teacher-student trial, axes (lists or ranges) and trials per cell, from a YAML "
                + "or JSON spec, e.g.",
                "  base: {teacher: {K: 5, d: 100, r: 20}, n: 300}",
                "  axes: [{name: teacher.r, values: [10, 20, 30]}, {name: n, range: {from: 100, to: 400, step: 100}}]",
                "  trials: 10",
                "Writes OUT/<kind>-<hash>/ with one SQLite row per finished trial; re-running resumes, recomputing nothing "
                        + "finished and retrying failed trials. Ctrl-C stops after the trials in flight."})
final class SweepCommand extends SweepingCommand {

    @Mixin
    OutputOptions output;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The sweep spec (YAML or JSON).")
    Path spec;

    @Option(names = "--kind", description = "Run kind, the prefix of the run directory (default ${DEFAULT-VALUE}).",
            defaultValue = "sweep")
    String kind;

    @Override
    Integer execute() throws Exception {
        SweepSpec sweep = SweepCodec.CODEC.read(spec);
        SweepRunner.Outcome outcome;
        try (TrialExecutor executor = executor("jackpot " + kind); SweepProgress progress = progress(kind)) {
            outcome = runner.run(kind, sweep, output.out, executor, progress);
        }
        long failed = outcome.rows().stream().filter(r -> !r.isOk()).count();
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("runDir", outcome.layout().dir().toString());
            o.put("trials", outcome.plan().totalTrials());
            o.put("computed", outcome.computed());
            o.put("recorded", outcome.rows().size());
            o.put("failed", failed);
            o.put("complete", outcome.complete());
            OutputOptions.printJson(out, o);
        } else {
            out.printf("%s: %d of %d trials finished (%d computed now, %d failed)%n", outcome.layout().dir(),
                    outcome.rows().size() - failed, outcome.plan().totalTrials(), outcome.computed(), failed);
            out.flush();
        }
        if (interrupted()) {
            return stopped();
        }
        return outcome.complete() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

}
