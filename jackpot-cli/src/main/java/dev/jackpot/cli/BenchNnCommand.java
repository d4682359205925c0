package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.bench.NnBench;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.FashionMnist;
import dev.jackpot.nn.model.Architecture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jackpot bench nn}: masked against dense training epochs of LeNet-300-100 and LeNet-5. */
@Command(name = "nn", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time one training epoch (forward, backward, masked SGD-momentum update; evaluation excluded) of "
                + "LeNet-300-100 and LeNet-5 on Fashion-MNIST, dense and under a random mask, in the same process.",
                "Uses Fashion-MNIST when found (jackpot data fetch, or Debian's dataset-fashion-mnist), otherwise synthetic images of the same shape "
                        + "(the output says which). Prints epoch times, the masked/dense ratio, and useful GFLOP/s "
                        + "(6 x forward MACs per example) as a fraction of the fp32 peak of the threads used."})
final class BenchNnCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Option(names = "--threads", defaultValue = "2", description = "libtorch intra-op threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--density", defaultValue = "0.2", description = "Fraction of prunable weights the mask keeps (default ${DEFAULT-VALUE}).")
    double density;

    @Option(names = "--examples", defaultValue = "60000", description = "Training examples per epoch (default ${DEFAULT-VALUE}: all of Fashion-MNIST).")
    int examples;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--repeats", defaultValue = "1", description = "Measured epochs per path, median reported (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--peak-gflops", paramLabel = "G", defaultValue = "102.0",
            description = "Nominal fp32 peak of one core, GFLOP/s (default ${DEFAULT-VALUE}: AVX2, 2 FMA units, 3.18 GHz).")
    double peak;

    @Option(names = "--arch", split = ",", description = "Architectures (default: lenet-300-100,lenet-5).")
    List<String> archs;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || repeats < 1 || batch < 1 || !(peak > 0) || examples < 1 || examples > 60000
                || !(density > 0 && density <= 1)) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--threads, --repeats, --batch and "
                    + "--peak-gflops must be positive, --examples in [1, 60000] and --density in (0, 1]");
        }
        List<Architecture> list;
        try {
            list = archs == null ? List.of(Architecture.LENET_300_100, Architecture.LENET_5)
                    : archs.stream().map(Architecture::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage());
        }
        PrintWriter err = commandSpec.commandLine().getErr();
        String source = FashionMnist.locate().isPresent() ? "fashion-mnist" : "synthetic (Fashion-MNIST shape; Fashion-MNIST not found)";
        Compute compute = Compute.cpu(threads);
        err.println("bench nn: " + compute + ", data " + source + ", " + examples + " examples, batch " + batch + " ...");
        err.flush();
        DataSplit data = NnBench.data(examples);
        List<NnBench.Row> rows = NnBench.run(compute, data, source, list, density, batch, repeats, line -> {
            err.println("bench nn: " + line);
            err.flush();
        });
        double machinePeak = peak * threads;
        PrintWriter out = commandSpec.commandLine().getOut();
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("engine", compute.toString());
            o.put("data", source);
            o.put("threads", threads);
            o.put("peakGflops", machinePeak);
            o.put("batch", batch);
            ArrayNode arr = o.putArray("networks");
            for (NnBench.Row r : rows) {
                ObjectNode n = arr.addObject();
                n.put("architecture", r.architecture().id());
                n.put("examples", r.examples());
                n.put("density", r.density());
                n.put("denseEpochSeconds", r.denseSeconds());
                n.put("maskedEpochSeconds", r.maskedSeconds());
                n.put("maskedOverDense", r.ratio());
                n.put("flopsPerEpoch", r.flopsPerEpoch());
                n.put("denseGflops", r.denseGflops());
                n.put("maskedGflops", r.maskedGflops());
                n.put("denseFractionOfPeak", r.denseGflops() / machinePeak);
            }
            OutputOptions.printJson(out, o);
            return ExitCodes.OK;
        }
        out.printf("%s; data: %s; batch %d; fp32 peak %.0f GFLOP/s for %d thread(s)%n", compute, source, batch, machinePeak, threads);
        out.printf("%-14s %8s %10s %10s %8s %10s %10s%n", "network", "examples", "dense s", "masked s", "ratio", "GFLOP/s", "of peak");
        for (NnBench.Row r : rows) {
            out.printf("%-14s %8d %10.2f %10.2f %7.2fx %10.1f %9.1f%%%n", r.architecture().id(), r.examples(),
                    r.denseSeconds(), r.maskedSeconds(), r.ratio(), r.denseGflops(), 100 * r.denseGflops() / machinePeak);
        }
        out.printf("masked = random mask at density %.2f (the arithmetic stays dense: the ratio is the cost of masking); "
                + "GFLOP/s count 6 x forward MACs per example.%n", density);
        out.flush();
        return ExitCodes.OK;
    }
}
