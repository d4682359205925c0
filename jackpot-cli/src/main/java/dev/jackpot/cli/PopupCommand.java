package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.AtomicFiles;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.FashionMnist;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.data.Subsample;
import dev.jackpot.nn.model.Architecture;
import dev.jackpot.nn.model.Mlp;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.popup.EdgePopup;
import dev.jackpot.nn.popup.PopupListener;
import dev.jackpot.nn.popup.PopupResult;
import dev.jackpot.nn.popup.PopupSpec;
import dev.jackpot.nn.popup.WeightInit;
import dev.jackpot.rng.Seeds;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code jackpot popup}: edge-popup on Fashion-MNIST. */
@Command(name = "popup", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Edge-popup (Ramanujan et al. 2020) on Fashion-MNIST: frozen random weights, no biases, a trained "
                + "score per weight; the forward pass keeps the top fraction k of |scores| in EVERY layer. Writes "
                + "OUT/popup-<hash>/ (spec.json, result.json, report.md).")
final class PopupCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Mixin
    OutputOptions output;

    @Option(names = "--model", paramLabel = "M", defaultValue = "mlp",
            description = "mlp (784-300-100-10), conv-2, conv-4 or conv-6 (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--k", paramLabel = "K", defaultValue = "0.5",
            description = "Fraction of weights KEPT in every layer, in (0, 1]; round(k*n) per layer (default ${DEFAULT-VALUE}).")
    double k;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "5000", description = "Training examples, class-balanced (default ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "5", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--init", paramLabel = "I", defaultValue = "kaiming-normal",
            description = "kaiming-normal or signed-constant, sigma = sqrt(2/fan_in) (default ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "2020", description = "Root seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Network net;
        PopupSpec spec;
        WeightInit wi;
        try {
            net = model.equalsIgnoreCase("mlp") ? new Mlp("mlp-300-100", new int[] {1, 28, 28}, new int[] {300, 100}, 10)
                    : Architecture.parse(model).create(new int[] {1, 28, 28}, 10);
            spec = PopupSpec.paper(k, 128, epochs, Seeds.derive(seed, "data-order"));
            wi = WeightInit.parse(init);
            if (examples < 10 || examples > 60000) {
                throw new IllegalArgumentException("--examples must be between 10 and 60000, got " + examples + ".");
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage());
        }
        DataSplit full = FashionMnist.load();
        DataSplit data = DataSplit.of(full.train().subset(Subsample.balanced(full.train(), examples,
                Seeds.stream(seed, "popup-train"))), full.test());
        ObjectNode specJson = SpecCodec.json().createObjectNode();
        specJson.put("model", net.name()).put("keep", k).put("examples", examples).put("epochs", epochs)
                .put("init", wi.name()).put("seed", seed).put("lr", 0.1).put("momentum", 0.9).put("weightDecay", 5e-4)
                .put("schedule", "cosine").put("batchSize", 128);
        RunLayout layout = new RunLayout(output.out, RunId.of("popup", specJson, SpecCodec.json().createObjectNode()));
        Files.createDirectories(layout.dir());
        java.time.Instant started = java.time.Instant.now();
        AtomicFiles.writeString(layout.dir().resolve("spec.json"), specJson.toPrettyString());
        PrintWriter err = commandSpec.commandLine().getErr();
        EdgePopup ep = new EdgePopup(Compute.fromEnvironment(), net, data, Normalisation.fit(data.train()), spec);
        PopupResult r = ep.train(EdgePopup.randomWeights(net, Seeds.derive(seed, "weights"), wi),
                EdgePopup.initialScores(net, Seeds.derive(seed, "scores")), new PopupListener() {
                    @Override
                    public void onEpoch(int epoch, double meanLoss) {
                        err.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f%n", epoch + 1, epochs, meanLoss);
                        err.flush();
                    }
                });
        ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("runDir", layout.dir().toString());
        o.put("model", net.name()).put("keep", k).put("testAccuracy", r.test().accuracy()).put("testLoss", r.test().loss());
        o.put("diverged", r.diverged().isPresent()).put("seconds", r.seconds());
        ObjectNode kept = o.putObject("keptPerLayer");
        long keptSum = 0;
        for (Map.Entry<String, Integer> e : r.keptCounts().entrySet()) {
            kept.put(e.getKey(), e.getValue());
            keptSum += e.getValue();
        }
        o.put("kept", keptSum).put("prunable", net.prunableCount());
        AtomicFiles.writeString(layout.result(), o.toPrettyString());
        AtomicFiles.writeString(layout.manifest(), SpecCodec.json().writeValueAsString(dev.jackpot.experiment.Manifest.of(
                layout.id(), Compute.fromEnvironment().threads(), java.util.Map.of("seed", seed, "weights", Seeds.derive(seed, "weights"), "scores", Seeds.derive(seed, "scores"), "data-order", Seeds.derive(seed, "data-order")), started, java.time.Instant.now())));
        AtomicFiles.writeString(layout.dir().resolve("report.md"), String.format(Locale.ROOT,
                "# Edge-popup %s, k = %s kept per layer%n%nFashion-MNIST, %d training examples, %d epochs, seed %d, "
                        + "%s weights.%n%nTest accuracy %.4f (loss %.4f); %d of %d weights kept; %.1f s.%n",
                net.name(), k, examples, epochs, seed, wi, r.test().accuracy(), r.test().loss(), keptSum,
                net.prunableCount(), r.seconds()));
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            OutputOptions.printJson(out, o);
        } else {
            out.printf(Locale.ROOT, "%s k=%s (kept per layer): test accuracy %.4f, %d of %d weights kept%nrun %s%n",
                    net.name(), k, r.test().accuracy(), keptSum, net.prunableCount(), layout.dir());
            out.flush();
        }
        return r.diverged().isPresent() ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
