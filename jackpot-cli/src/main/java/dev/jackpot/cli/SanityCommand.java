package dev.jackpot.cli;

import dev.jackpot.nn.model.Architecture;
import dev.jackpot.nn.pai.PaiMethod;
import dev.jackpot.nn.pai.PaiSanity;
import dev.jackpot.nn.pai.PaiSanitySpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code jackpot sanity}: the sanity checks of pruning at initialisation (Frankle et al., ICLR 2021). */
@Command(name = "sanity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sanity checks for pruning at initialisation (Frankle, Dziugaite, Roy, Carbin, ICLR 2021): for "
                + "each method and density, over replicates, train the mask as found, the mask shuffled within each "
                + "layer (same per-layer counts), the mask with reinitialised weights, and the inverted scores (the "
                + "lowest-ranked weights kept), and judge whether shuffling and reinitialising lower the accuracy "
                + "(paired 90%% intervals against --margin).",
                "Each (method, density, replicate) is an ordinary prune-at-init run (resumed, never recomputed); the "
                        + "study writes OUT/prune-at-init-sanity-<hash>/ with a plot per method, the table, the claims "
                        + "and report.html. Data: Fashion-MNIST, or --synthetic."})
final class SanityCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Mixin
    OutputOptions output;

    @Option(names = "--methods", split = ",", defaultValue = "snip,grasp,synflow,magnitude",
            description = "Methods (default ${DEFAULT-VALUE}; also random).")
    List<String> methods;

    @Option(names = "--densities", split = ",", defaultValue = "0.2,0.05", description = "Densities (default ${DEFAULT-VALUE}).")
    List<Double> densities;

    @Option(names = "--replicates", defaultValue = "3", description = "Replicates per method and density (default ${DEFAULT-VALUE}).")
    int replicates;

    @Option(names = "--model", defaultValue = "lenet300", description = "Architecture (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--examples", defaultValue = "5000", description = "Training examples (default ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--test-examples", defaultValue = "10000", description = "Test examples (default ${DEFAULT-VALUE}).")
    int testExamples;

    @Option(names = "--epochs", defaultValue = "2", description = "Training epochs per mask (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Root seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--margin", defaultValue = "0.5", description = "Equivalence margin in accuracy points "
            + "(default ${DEFAULT-VALUE}; not part of the run id).")
    double margin;

    @Mixin
    DatasetOptions data;

    @Option(names = "--synthetic", description = "Generated images of Fashion-MNIST's shape instead of the dataset.")
    boolean synthetic;

    @Option(names = "--threads", defaultValue = "1", description = "libtorch intra-op threads (default ${DEFAULT-VALUE}).")
    int threads;

    @CommandLine.Mixin
    SparseEngineOptions sparse;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be positive.");
        }
        List<PaiMethod> ms = methods.stream().map(PaiMethod::parse).toList();
        Architecture arch = Architecture.parse("lenet300".equalsIgnoreCase(model) ? "lenet-300-100" : model);
        PaiSanitySpec spec = new PaiSanitySpec(ms, densities, replicates, arch, examples, testExamples, epochs, synthetic,
                data.dataset, data.dataPath, seed, margin);
        int cells = ms.size() * densities.size() * replicates;
        PaiSanity.Result r;
        try (Progress progress = Progress.start("sanity", cells, quiet)) {
            r = PaiSanity.run(spec, output.out, sparse.compute(threads), new PaiSanity.Listener() {
                @Override
                public void cellFinished(int done, int total, String what) {
                    progress.update(done, what);
                }
            });
        }
        StudyOutput.print(commandSpec.commandLine().getOut(), output.json, r.layout(), r.cells().size(), r.computed(),
                r.claims(), o -> {
                });
        return ExitCodes.OK;
    }
}
