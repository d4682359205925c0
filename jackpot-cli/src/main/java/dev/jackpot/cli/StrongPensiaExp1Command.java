package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.strong.PensiaExp1;
import dev.jackpot.nn.strong.PensiaExp1Spec;
import dev.jackpot.report.Claim;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code jackpot strong pensia-exp1}: Pensia et al.'s experiment 1 on a self-trained Fashion-MNIST MLP. */
@Command(name = "pensia-exp1", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Pensia et al. (NeurIPS 2020), experiment 1: train a bias-free MLP 784-H-10 on Fashion-MNIST, "
                + "replace every weight by the nearest subset sum of n = c round(log2(1/eps)) random scalars drawn "
                + "from U[min W, max W] (one vector per output neuron, shared by its weights, as the reference code; "
                + "exact optimum per weight), and compare test accuracies. Writes OUT/strong-pensia-exp1-<hash>/ "
                + "(spec, manifest, plot, report.html, report.md, result.json). Full scale: a few minutes.")
final class StrongPensiaExp1Command implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Mixin
    OutputOptions output;

    @Option(names = "--eps", defaultValue = "0.01", description = "Per-weight error (default ${DEFAULT-VALUE}).")
    double eps;

    @Option(names = "--c", defaultValue = "3", description = "n = c round(log2(1/eps)) candidates per row (default ${DEFAULT-VALUE}).")
    int c;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "500", description = "Hidden width (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--epochs", defaultValue = "3", description = "Training epochs of the target, Adam (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--batch", defaultValue = "64", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--train-size", paramLabel = "N", defaultValue = "0",
            description = "Class-balanced training subsample, 0 for all 60,000 images (default ${DEFAULT-VALUE}).")
    int trainSize;

    @Option(names = "--test-size", paramLabel = "N", defaultValue = "0",
            description = "Class-balanced test subsample, 0 for all 10,000 images (default ${DEFAULT-VALUE}).")
    int testSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "2020", description = "Root seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-path", paramLabel = "DIR", description = "Directory of the Fashion-MNIST IDX files "
            + "(default: where 'jackpot data fetch fashion-mnist' puts it, $JACKPOT_FASHION_MNIST, or Debian's dataset-fashion-mnist).")
    String dataPath;

    @Option(names = "--threads", defaultValue = "1", description = "libtorch intra-op threads for training "
            + "(default ${DEFAULT-VALUE}; the target is bit-identical only at the same thread count).")
    int threads;

    @Option(names = "--approx-threads", paramLabel = "T", description = "Threads of the approximation (default: all "
            + "cores; the approximation does not depend on it).")
    Integer approxThreads;

    @Option(names = "--redraws", defaultValue = "0", paramLabel = "K", description = "Draw a row's candidates again, "
            + "up to K times, while one of its weights stays above eps (default ${DEFAULT-VALUE}: the reference's one "
            + "draw; the reference aborts instead). Not the paper's procedure: the run says so.")
    int redraws;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @CommandLine.Mixin
    LocalEngineOptions engine;

    @Override
    public Integer call() throws Exception {
        engine.requireLocal("Pensia et al. experiment 1 is one construction and one training, so a cluster has nothing to split");
        PensiaExp1Spec spec;
        try {
            spec = new PensiaExp1Spec(seed, eps, c, hidden, epochs, trainSize, testSize, lr, batch,
                    dataPath == null ? "" : dataPath, redraws);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage());
        }
        int at = approxThreads == null ? Runtime.getRuntime().availableProcessors() : approxThreads;
        if (threads < 1 || at < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "--threads and --approx-threads must be positive, got " + threads + " and " + at);
        }
        int rows = hidden + 10;
        PensiaExp1.Result r;
        try (Progress progress = Progress.start("pensia-exp1", rows + 1L, quiet)) {
            long[] trainTotal = {0};
            r = PensiaExp1.run(spec, output.out, Compute.cpu(threads), at, new PensiaExp1.Listener() {
                @Override
                public void trainStep(long step, long total) {
                    synchronized (progress) {
                        if (trainTotal[0] != total) {
                            trainTotal[0] = total;
                            progress.maxHint(total + rows);
                        }
                        if (step % 50 == 0 || step == total) {
                            progress.update(step, "training step " + step + "/" + total);
                        }
                    }
                }

                @Override
                public void rowsDone(int done, int total) {
                    synchronized (progress) {
                        if (done % 10 == 0 || done == total) {
                            progress.update(trainTotal[0] + done, "approximated rows " + done + "/" + total);
                        }
                    }
                }
            });
        }
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            ObjectNode o = PensiaExp1.json(r);
            OutputOptions.printJson(out, o);
        } else {
            out.printf(Locale.ROOT, "target accuracy        %.2f%%%n", 100 * r.targetAccuracy());
            out.printf(Locale.ROOT, "approximated accuracy  %.2f%%  (%+.2f points, %d test images)%n",
                    100 * r.approxAccuracy(), r.differencePoints(), r.testExamples());
            out.printf(Locale.ROOT, "n                      %d candidates per row (eps %s, c %d)%n", r.n(), spec.eps(), spec.c());
            out.printf(Locale.ROOT, "error                  max %.3e, mean %.3e; failures %d of %d%n", r.maxError(),
                    r.meanError(), r.failures(), r.targetWeights());
            out.printf(Locale.ROOT, "candidates             %d (n x weights); %d distinct%n", r.candidates(),
                    r.distinctCandidates());
            out.printf(Locale.ROOT, "kept                   %d (%.3f x the target)%n", r.kept(), r.keptRatio());
            out.printf(Locale.ROOT, "time                   training %.1f s, approximation %.2f s on %d threads%n",
                    r.trainSeconds(), r.approxSeconds(), r.threads());
            for (Claim cl : r.claims()) {
                out.printf("[%s] %s: %s = %s%n", cl.status().label(), cl.claim(),
                        cl.statistic(), cl.value());
            }
            out.printf("run                    %s%n", r.layout().dir());
            out.flush();
        }
        return r.diverged() ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
