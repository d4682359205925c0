package dev.jackpot.cli;

import dev.jackpot.nn.Compute;
import dev.jackpot.nn.popup.PopupListener;
import dev.jackpot.nn.popup.PopupRun;
import dev.jackpot.nn.popup.WeightInit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
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

    @CommandLine.Mixin
    LocalEngineOptions engine;

    @Override
    public Integer call() throws Exception {
        engine.requireLocal("an edge-popup run is one training, so a cluster has nothing to split");
        PopupRun.Spec spec;
        try {
            spec = new PopupRun.Spec(model, k, examples, epochs, WeightInit.parse(init), seed);
            spec.network();
            spec.popupSpec();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage());
        }
        PrintWriter err = commandSpec.commandLine().getErr();
        PopupRun.Outcome r = PopupRun.run(spec, output.out, Compute.fromEnvironment(), new PopupListener() {
            @Override
            public void onEpoch(int epoch, double meanLoss) {
                err.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f%n", epoch + 1, epochs, meanLoss);
                err.flush();
            }
        });
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            OutputOptions.printJson(out, r.result());
        } else {
            out.printf(Locale.ROOT, "%s k=%s (kept per layer): test accuracy %.4f, %d of %d weights kept%nrun %s%n",
                    r.network(), k, r.popup().test().accuracy(), r.kept(), r.prunable(), r.layout().dir());
            out.flush();
        }
        return r.popup().diverged().isPresent() ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
