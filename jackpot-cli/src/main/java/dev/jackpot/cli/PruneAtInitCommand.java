package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.nn.model.Architecture;
import dev.jackpot.nn.pai.PaiMethod;
import dev.jackpot.nn.pai.PruneAtInitRun;
import dev.jackpot.nn.pai.PruneAtInitRunSpec;
import dev.jackpot.nn.pai.PruneAtInitSpec;
import dev.jackpot.nn.train.EpochMetrics;
import dev.jackpot.prune.CountingRule;
import dev.jackpot.prune.PruneScope;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code jackpot prune-at-init}: SNIP, GraSP, SynFlow, magnitude or random masks at initialisation, then training under them. */
@Command(name = "prune-at-init", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prune a freshly initialised network once (SNIP, GraSP, SynFlow, magnitude or random; weak-lth.md "
                + "section 5), train it under the fixed mask (Adam 1.2e-3, batch 60) and report per-layer densities and "
                + "test accuracy, optionally with the layerwise-shuffle and reinitialisation controls.",
                "Data: Fashion-MNIST ('jackpot data fetch fashion-mnist', JACKPOT_FASHION_MNIST or Debian's dataset-fashion-mnist), or --synthetic images. "
                        + "Writes spec.yaml, result.json, manifest.json and ticket.npz to a run directory under --out."})
final class PruneAtInitCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Mixin
    OutputOptions output;

    @Option(names = "--method", required = true, description = "snip, grasp, synflow, magnitude or random.")
    String method;

    @Option(names = "--density", required = true, description = "Fraction of prunable weights kept, in (0, 1].")
    double density;

    @Option(names = "--model", defaultValue = "lenet300", description = "Architecture (default ${DEFAULT-VALUE}; lenet300 = lenet-300-100).")
    String model;

    @Option(names = "--examples", defaultValue = "10000", description = "Training examples, seeded subsample (default ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--test-examples", defaultValue = "10000", description = "Test examples (default ${DEFAULT-VALUE}).")
    int testExamples;

    @Option(names = "--epochs", defaultValue = "2", description = "Training epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Root seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scope", defaultValue = "GLOBAL", description = "GLOBAL or LAYERWISE (default ${DEFAULT-VALUE}).")
    PruneScope scope;

    @Option(names = "--rounds", defaultValue = "100", description = "SynFlow rounds (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--snip-batch", defaultValue = "100", description = "SNIP minibatch (default ${DEFAULT-VALUE}).")
    int snipBatch;

    @Option(names = "--samples-per-class", defaultValue = "10", description = "GraSP examples per class (default ${DEFAULT-VALUE}).")
    int samplesPerClass;

    @Option(names = "--temperature", defaultValue = "200", description = "GraSP temperature (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--counting", defaultValue = "EXACT", description = "How many weights to keep: EXACT "
            + "(round(d N), the default) or a reference's rounding and threshold rule: SYNFLOW (floor((1-d) N) removed, "
            + "ties at the threshold too), SNIP (round(d N) half to even) or GRASP (floor((1-d) N) counted, one fewer "
            + "removed); weak-lth.md 3.2.")
    CountingRule counting;

    @Option(names = "--redraw-xavier", description = "GraSP: score a copy whose Conv and Linear weights are re-drawn "
            + "Xavier normal (the reference's behaviour) and apply the mask to the original init, which is trained.")
    boolean redrawXavier;

    @Option(names = "--score-on-trained-init", arity = "1", defaultValue = "true", paramLabel = "BOOL",
            description = "SNIP: true (default) computes the mask on the init that is then trained; false is the "
                    + "reference's behaviour: train a separate draw (its own derived seed) with zero biases under the mask.")
    boolean scoreOnTrainedInit;

    @Option(names = "--controls", split = ",", description = "Also train the controls: shuffle (layerwise random mask, same per-layer counts), reinit (same mask, new init), invert (the lowest-ranked weights kept, same count).")
    List<String> controls = List.of();

    @Mixin
    DatasetOptions data;

    @Option(names = "--synthetic", description = "Use generated images of Fashion-MNIST's shape instead of the dataset.")
    boolean synthetic;

    @Option(names = "--threads", defaultValue = "2", description = "libtorch intra-op threads (default ${DEFAULT-VALUE}).")
    int threads;

    @CommandLine.Mixin
    SparseEngineOptions sparse;

    @CommandLine.Mixin
    LocalEngineOptions engine;

    @Override
    public Integer call() throws Exception {
        engine.requireLocal("a prune-at-init run is one training of one method at one density, so a cluster has nothing to split; a sweep over methods and densities as cluster jobs is not built yet");
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be positive.");
        }
        PruneAtInitSpec pai = new PruneAtInitSpec(PaiMethod.parse(method), density, scope, rounds, snipBatch,
                samplesPerClass, temperature, seed, counting, redrawXavier, scoreOnTrainedInit);
        Architecture arch = Architecture.parse("lenet300".equalsIgnoreCase(model) ? "lenet-300-100" : model);
        PruneAtInitRunSpec spec = new PruneAtInitRunSpec(pai, arch, examples, testExamples, epochs, synthetic,
                data.dataset, data.dataPath, controls);
        PrintWriter err = commandSpec.commandLine().getErr();
        PruneAtInitRun.Outcome outcome = PruneAtInitRun.run(spec, output.out, sparse.compute(threads), new PruneAtInitRun.Listener() {
            @Override
            public void status(String line) {
                err.println("prune-at-init: " + line);
                err.flush();
            }

            @Override
            public void epoch(EpochMetrics e) {
                err.printf(Locale.ROOT, "prune-at-init: epoch %d test accuracy %.4f%n", e.epoch() + 1, e.testAccuracy());
                err.flush();
            }
        });
        return report(outcome.result());
    }

    private int report(ObjectNode result) {
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            OutputOptions.printJson(out, result);
            return ExitCodes.OK;
        }
        out.printf(Locale.ROOT, "%s at density %.4f on %s: achieved %.4f of %d weights, scored in %.1f s%n",
                result.get("method").asText(), result.get("requestedDensity").asDouble(), result.get("model").asText(),
                result.get("achievedDensity").asDouble(), prunable(result), result.get("pruneSeconds").asDouble());
        for (JsonNode c : result.get("layers")) {
            out.printf(Locale.ROOT, "  %-12s %8d of %8d  density %.4f%n", c.get("name").asText(), c.get("kept").asLong(),
                    c.get("size").asLong(), c.get("density").asDouble());
        }
        for (String k : List.of("ticket", "shuffle", "reinit", "invert")) {
            if (result.has(k)) {
                out.printf(Locale.ROOT, "%-8s test accuracy %.4f%s%n", k, result.get(k).get("testAccuracy").asDouble(),
                        result.get(k).get("diverged").asBoolean() ? " (diverged)" : "");
            }
        }
        out.println("run: " + result.get("dir").asText());
        out.flush();
        return ExitCodes.OK;
    }

    /** The network's prunable weights: the sum of the layer sizes. */
    private static long prunable(ObjectNode result) {
        long n = 0;
        for (JsonNode l : result.get("layers")) {
            n += l.get("size").asLong();
        }
        return n;
    }
}
