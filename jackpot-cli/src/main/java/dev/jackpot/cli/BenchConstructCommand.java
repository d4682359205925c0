package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.construct.Construction;
import dev.jackpot.construct.PensiaConstruction;
import dev.jackpot.construct.ReluMlp;
import dev.jackpot.experiment.SpecCodec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code jackpot bench construct}: Pensia constructions per second. */
@Command(name = "construct", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the Pensia et al. construction (two subset-sum problems per target weight, exact solver) "
                + "on a random target, one thread, after one untimed warm-up construction.",
                "The random network is stored densely (about 2n d_0 (d_0 + d_1) doubles for the first layer pair), so "
                        + "a 784-500-10 target needs gigabytes: the default measures 100-50-10 and extrapolates the "
                        + "solving time to 784-500-10 from the time per target weight (labelled as an extrapolation)."})
final class BenchConstructCommand implements Callable<Integer> {

    /** The weights of a 784-500-10 target. */
    static final long MNIST_TARGET_WEIGHTS = 784L * 500 + 500L * 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--widths", paramLabel = "D", split = ",", defaultValue = "100,50,10",
            description = "Target widths d_0,...,d_l (default ${DEFAULT-VALUE}).")
    int[] widths;

    @Option(names = "--eps", paramLabel = "E", defaultValue = "0.01",
            description = "Per-weight error that sets the default n (default ${DEFAULT-VALUE}).")
    double eps;

    @Option(names = "--n", paramLabel = "N", description = "Candidates per group (default ceil(2 log2(1/eps)) + 4).")
    Integer n;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "3",
            description = "Timed constructions, median reported (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Root seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Override
    public Integer call() {
        if (!(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException("--eps must be in (0, 1), got " + eps);
        }
        if (repeats <= 0) {
            throw new IllegalArgumentException("--repeats must be positive, got " + repeats);
        }
        int candidates = n == null ? PensiaConstruction.defaultN(eps) : n;
        if (candidates <= 0) {
            throw new IllegalArgumentException("--n must be positive, got " + candidates);
        }
        ReluMlp target;
        try {
            target = ReluMlp.randomTarget(widths, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--widths: " + e.getMessage(), e);
        }
        PrintWriter err = commandSpec.commandLine().getErr();
        err.println("bench construct: target " + Arrays.toString(widths) + ", n = " + candidates + ", " + repeats
                + " timed constructions ...");
        err.flush();
        Construction c = PensiaConstruction.build(target, candidates, seed);
        double[] t = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            c = PensiaConstruction.build(target, candidates, seed + 1 + r);
            t[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        double median = t[repeats / 2];
        long weights = target.parameterCount();
        double perWeight = median / weights;
        double extrapolated = perWeight * MNIST_TARGET_WEIGHTS;
        PrintWriter out = commandSpec.commandLine().getOut();
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            ArrayNode w = o.putArray("widths");
            Arrays.stream(widths).forEach(w::add);
            o.put("n", candidates);
            o.put("repeats", repeats);
            o.put("seed", seed);
            o.put("medianSeconds", median);
            o.put("constructionsPerSecond", 1 / median);
            o.put("targetWeights", weights);
            o.put("secondsPerWeight", perWeight);
            o.put("extrapolatedSeconds784x500x10", extrapolated);
            o.put("maxWeightError", c.maxWeightError());
            OutputOptions.printJson(out, o);
            return ExitCodes.OK;
        }
        out.printf("target %s (%d weights), n = %d, one thread, median of %d%n", Arrays.toString(widths), weights,
                candidates, repeats);
        out.printf("seconds per construction  %.4f  (%.3g constructions per second)%n", median, 1 / median);
        out.printf("seconds per target weight %.3g%n", perWeight);
        if (weights != MNIST_TARGET_WEIGHTS) {
            out.printf("784-500-10 (extrapolated from the time per weight, not measured): %.1f s per construction%n",
                    extrapolated);
        }
        out.printf("max per-weight error      %.3g%n", c.maxWeightError());
        out.flush();
        return ExitCodes.OK;
    }
}
