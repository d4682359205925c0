package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.lottery.Lottery;
import dev.jackpot.nn.lottery.LotterySpec;
import dev.jackpot.nn.train.Evaluation;
import dev.jackpot.prune.BranchResult;
import dev.jackpot.prune.LevelResult;
import dev.jackpot.prune.Masks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code jackpot tickets evaluate RUNDIR}: a stored branch's final weights evaluated again, beside what the run recorded. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a ticket of a 'jackpot lottery' run on the test set of its spec (same data, subsample "
                + "and normalisation as the run) and compare with the accuracy and loss the run recorded.",
                "A sparse fully connected ticket is evaluated on the sparse engine (cost proportional to its kept "
                        + "weights); on the engine and thread count that trained it the figures match bit for bit."})
final class TicketsEvaluateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @CommandLine.Mixin
    LotteryBranchRef ref;

    @Option(names = "--threads", defaultValue = "1", description = "libtorch intra-op threads (default ${DEFAULT-VALUE}).")
    int threads;

    @CommandLine.Mixin
    SparseEngineOptions sparse;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--threads must be positive, got " + threads);
        }
        LotteryBranchRef.Resolved r = ref.resolve();
        Path specFile = ref.runDir.resolve("spec.yaml");
        if (!Files.isRegularFile(specFile)) {
            throw new IllegalArgumentException("No spec.yaml in " + ref.runDir + "; is it a 'jackpot lottery' run directory?");
        }
        LotterySpec spec = Lottery.CODEC.read(specFile);
        LevelResult level = r.store().load(r.level());
        BranchResult b = r.branch().equals(BranchResult.MAIN) ? level.main() : level.controls().stream()
                .filter(c -> c.branch().equals(r.branch())).findFirst().orElseThrow();
        Compute compute = sparse.compute(threads);
        long t0 = System.nanoTime();
        Evaluation e = Lottery.evaluate(spec, b.finalWeights(), b.masks(), compute);
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean same = e.accuracy() == b.accuracy();
        PrintWriter pw = commandSpec.commandLine().getOut();
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("runDir", ref.runDir.toString());
            o.put("replicate", ref.replicate);
            o.put("level", r.level());
            o.put("branch", ref.branch);
            o.put("density", Masks.density(b.masks()));
            o.put("accuracy", e.accuracy());
            o.put("loss", e.loss());
            o.put("recordedAccuracy", b.accuracy());
            o.put("recordedLoss", b.loss());
            o.put("accuracyMatches", same);
            o.put("seconds", seconds);
            OutputOptions.printJson(pw, o);
        } else {
            pw.printf(Locale.ROOT, "level %d %s (density %.2f%%): test accuracy %.4f, loss %.6f; recorded %.4f, %.6f (%s); "
                            + "%.2f s including loading the data%n", r.level(), ref.branch, 100 * Masks.density(b.masks()),
                    e.accuracy(), e.loss(), b.accuracy(), b.loss(), same ? "accuracy matches" : "accuracy differs by "
                            + String.format(Locale.ROOT, "%+.4f", e.accuracy() - b.accuracy()), seconds);
            pw.flush();
        }
        return ExitCodes.OK;
    }
}
