package dev.jackpot.cli;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.MklVendorCheck;
import dev.jackpot.nn.bench.GemmReference;
import dev.jackpot.nn.bench.NnBench;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.FashionMnist;
import dev.jackpot.nn.model.Architecture;
import dev.jackpot.sparse.NativeKernels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code jackpot bench nn}: training epochs per mask density on the dense (libtorch) and the sparse engine. */
@Command(name = "nn", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time one training epoch (forward, backward, masked SGD-momentum update; evaluation excluded) of "
                + "LeNet-300-100 and LeNet-5 (or any of --arch) on Fashion-MNIST under random masks of each density, on libtorch's dense kernels "
                + "and (fully connected networks) on the sparse engine, in the same process.",
                "Uses Fashion-MNIST when found (jackpot data fetch, or Debian's dataset-fashion-mnist), otherwise synthetic images of the same shape "
                        + "(the output says which). Prints epoch times, the dense/sparse speed-up, the speed-up over the unmasked "
                        + "dense epoch, and the GFLOP/s each engine executes as a fraction of a reference rate: the fastest fp32 "
                        + "1024 x 1024 GEMM libtorch runs on the same threads, measured in the same process (or --peak-gflops)."})
final class BenchNnCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Option(names = "--threads", defaultValue = "2", description = "libtorch intra-op threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--density", split = ",", defaultValue = "1,0.5,0.2,0.1,0.05,0.02",
            description = "Fractions of prunable weights the masks keep; 1 is unmasked (default ${DEFAULT-VALUE}).")
    List<Double> densities;

    @Option(names = "--examples", defaultValue = "60000", description = "Training examples per epoch (default ${DEFAULT-VALUE}: all of Fashion-MNIST).")
    int examples;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--repeats", defaultValue = "1", description = "Measured epochs per path, median reported (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--peak-gflops", paramLabel = "G",
            description = "Quote fractions of this nominal fp32 peak of one core, GFLOP/s, instead of the measured GEMM rate "
                    + "(e.g. cores x FMA units x vector lanes x 2 x GHz).")
    Double peak;

    @Option(names = "--arch", split = ",", description = "Architectures (default: lenet-300-100,lenet-5).")
    List<String> archs;

    @Option(names = "--peer", paramLabel = "PYTHON", description = "Also time the plain-PyTorch peer (the same network, "
            + "optimiser, batch and Fashion-MNIST data, torch.optim.SGD and F.cross_entropy) with this Python interpreter, "
            + "e.g. python3 with Debian's python3-torch, just before and just after the Jackpot epochs, its OpenBLAS, OpenMP "
            + "and MKL threads pinned to --threads; prints Jackpot's dense epoch over the peer's.")
    String peer;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || repeats < 1 || batch < 1 || (peak != null && !(peak > 0)) || examples < 1 || examples > 60000
                || densities.stream().anyMatch(d -> !(d > 0 && d <= 1))) {
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
        Map<Architecture, PytorchPeer.Outcome[]> peers = new LinkedHashMap<>();
        String peerSkipped = peer == null ? null : FashionMnist.locate().isEmpty() ? "Fashion-MNIST not found" : null;
        if (peer != null && peerSkipped == null) {
            for (Architecture a : list) {
                if (PytorchPeer.supports(a)) {
                    peers.put(a, new PytorchPeer.Outcome[] {peer(a, "before", err), null});
                }
            }
        }
        // the reference GEMM is timed before and after the epochs and the faster kept: before them the JIT
        // compiler may still be busy on the other core
        double gemmBefore = peak != null ? Double.NaN : GemmReference.gflops(compute, DataType.FLOAT32);
        List<NnBench.Row> rows = NnBench.run(compute, data, source, list, densities, batch, repeats, line -> {
            err.println("bench nn: " + line);
            err.flush();
        });
        double machinePeak = peak != null ? peak * threads : Math.max(gemmBefore, GemmReference.gflops(compute, DataType.FLOAT32));
        String peakSource = peak != null ? "nominal (--peak-gflops)"
                : "fp32 GEMM " + GemmReference.SIDE + "^3 on libtorch, the faster of before and after the epochs";
        for (Map.Entry<Architecture, PytorchPeer.Outcome[]> e : peers.entrySet()) {
            e.getValue()[1] = peer(e.getKey(), "after", err);
        }
        PrintWriter out = commandSpec.commandLine().getOut();
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("engine", compute.toString());
            o.put("data", source);
            o.put("threads", threads);
            o.put("peakGflops", machinePeak);
            o.put("peakSource", peakSource);
            o.put("batch", batch);
            o.put("malloc", mallocSettings());
            o.put("mkl", MklVendorCheck.describe());
            o.put("sparseKernels", NativeKernels.describe());
            ArrayNode arr = o.putArray("rows");
            for (NnBench.Row r : rows) {
                ObjectNode n = arr.addObject();
                n.put("architecture", r.architecture().id());
                n.put("examples", r.examples());
                n.put("density", r.density());
                n.put("denseEpochSeconds", r.denseSeconds());
                n.put("denseGflops", r.denseGflops());
                n.put("denseFractionOfPeak", r.denseGflops() / machinePeak);
                n.put("speedupOverUnmasked", unmasked(rows, r.architecture()) / r.bestSeconds());
                if (!Double.isNaN(r.sparseSeconds())) {
                    n.put("sparseEpochSeconds", r.sparseSeconds());
                    n.put("sparseGflops", r.sparseGflops());
                    n.put("sparseFractionOfPeak", r.sparseGflops() / machinePeak);
                    n.put("denseOverSparse", r.speedup());
                }
            }
            if (peer != null) {
                ObjectNode po = o.putObject("peer");
                po.put("python", peer);
                if (peerSkipped != null) {
                    po.put("notRun", peerSkipped);
                }
                ArrayNode pa = po.putArray("rows");
                peers.forEach((a, p) -> {
                    ObjectNode n = pa.addObject();
                    n.put("architecture", a.id());
                    number(n, "beforeEpochSeconds", p[0].seconds());
                    number(n, "afterEpochSeconds", p[1].seconds());
                    n.put("torch", p[0].torch());
                    number(n, "jackpotDenseOverPeer", denseOverPeer(rows, a, p));
                    n.put("jackpotParameters", NnBench.network(a).trainableCount());
                    if (p[0].parameters() >= 0) {
                        n.put("peerParameters", p[0].parameters());
                    }
                    double gemm = peerGemm(p);
                    number(n, "peerGemmGflops", gemm);
                    n.put("peerBlasSlow", slowBlas(gemm, machinePeak));
                    n.put("line", p[0].ran() ? p[0].line() : p[0].line() + " / " + p[1].line());
                });
            }
            OutputOptions.printJson(out, o);
            return ExitCodes.OK;
        }
        out.printf("%s; data: %s; batch %d; %% of %.0f GFLOP/s for %d thread(s), %s; %s; %s; %s%n", compute, source, batch,
                machinePeak, threads, peakSource, mallocSettings(), MklVendorCheck.describe(), NativeKernels.describe());
        out.printf("%-14s %8s %10s %10s %10s %9s %11s %11s%n", "network", "density", "dense s", "sparse s", "dense/sp", "vs unmasked",
                "dense GF/s", "sparse GF/s");
        for (NnBench.Row r : rows) {
            boolean sp = !Double.isNaN(r.sparseSeconds());
            // three decimals: a sparse 2% epoch takes about a tenth of a second
            out.printf("%-14s %8.3f %10.3f %10s %10s %10.2fx %5.1f (%2.0f%%) %5s (%s)%n", r.architecture().id(), r.density(),
                    r.denseSeconds(), sp ? String.format("%.3f", r.sparseSeconds()) : "-",
                    sp ? String.format("%.2fx", r.speedup()) : "-", unmasked(rows, r.architecture()) / r.bestSeconds(),
                    r.denseGflops(), 100 * r.denseGflops() / machinePeak,
                    sp ? String.format("%.1f", r.sparseGflops()) : "-", sp ? String.format("%.0f%%", 100 * r.sparseGflops() / machinePeak) : "-");
        }
        out.printf("dense = libtorch, multiplying the masked zeros; sparse = kept weights only (fully connected networks); "
                + "vs unmasked = unmasked dense epoch / the faster engine's epoch; GF/s = executed arithmetic.%n");
        if (peerSkipped != null) {
            out.printf("peer: not run (%s)%n", peerSkipped);
        }
        peers.forEach((a, p) -> {
            if (p[0].ran() && p[1].ran()) {
                double gemm = peerGemm(p);
                out.printf(Locale.ROOT, "peer %-14s plain PyTorch %s, %d thread(s) pinned: %.2f / %.2f s per epoch (before / "
                                + "after); Jackpot's unmasked dense epoch / the peer's: %.2fx; %s; the peer's fp32 GEMM %d^3: %s%n",
                        a.id(), p[0].torch(), threads, p[0].seconds(), p[1].seconds(), denseOverPeer(rows, a, p),
                        sameNetwork(a, p[0]), GemmReference.SIDE, Double.isNaN(gemm) ? "not reported"
                                : String.format(Locale.ROOT, "%.1f GFLOP/s (%.0f%% of the reference)", gemm, 100 * gemm / machinePeak));
                if (slowBlas(gemm, machinePeak)) {
                    out.printf(Locale.ROOT, "peer %-14s WARNING: its BLAS multiplies at under half the reference rate, as a reference "
                            + "(unoptimised) BLAS does; its epochs are no fair baseline (on Debian: apt-get install libopenblas0-pthread)%n", a.id());
                }
            } else {
                out.printf("peer %-14s not run: %s%n", a.id(), (p[0].ran() ? p[1] : p[0]).line());
            }
        });
        out.flush();
        return ExitCodes.OK;
    }

    private PytorchPeer.Outcome peer(Architecture a, String when, PrintWriter err) {
        err.println("bench nn: peer " + a.id() + " (" + when + ") with " + peer + " ...");
        err.flush();
        PytorchPeer.Outcome o = PytorchPeer.run(peer, a, threads, batch, examples, repeats, FashionMnist.locate().orElseThrow(),
                3600);
        err.println("bench nn: " + o.line());
        err.flush();
        return o;
    }

    /** Whether the peer trained a network of as many parameters, in words for the table. */
    private static String sameNetwork(Architecture a, PytorchPeer.Outcome peer) {
        long ours = NnBench.network(a).trainableCount();
        if (peer.parameters() < 0) {
            return "the peer did not report its parameter count";
        }
        return peer.parameters() == ours ? "both networks have " + ours + " parameters"
                : "NOT THE SAME NETWORK: the peer has " + peer.parameters() + " parameters, Jackpot's " + ours;
    }

    private static void number(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    /** The faster of the peer's two GEMM rates, NaN if neither was reported. */
    private static double peerGemm(PytorchPeer.Outcome[] p) {
        double a = p[0].gemmGflops();
        double b = p[1] == null ? Double.NaN : p[1].gemmGflops();
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    /**
     * Whether the peer's products ({@link #peerGemm}) ran at under half the reference rate: Debian's python3-torch
     * falls back to the reference BLAS when no optimised BLAS is installed (4-5 GFLOP/s on one Zen 4 core, where its
     * LeNet-300-100 epoch then took 21 s).
     */
    private static boolean slowBlas(double peerGemm, double reference) {
        return !Double.isNaN(peerGemm) && peerGemm < reference / 2;
    }

    /** Jackpot's unmasked dense epoch over the mean of the peer's two, NaN if either is missing. */
    private static double denseOverPeer(List<NnBench.Row> rows, Architecture a, PytorchPeer.Outcome[] p) {
        return unmasked(rows, a) / ((p[0].seconds() + p[1].seconds()) / 2);
    }

    /** The unmasked dense epoch time of a network (its density-1 row), NaN if not measured. */
    private static double unmasked(List<NnBench.Row> rows, Architecture a) {
        return rows.stream().filter(x -> x.architecture() == a && x.density() >= 1)
                .mapToDouble(NnBench.Row::denseSeconds).findFirst().orElse(Double.NaN);
    }

    /**
     * @return glibc's allocation settings of this process, those set (the others are glibc's defaults): with the
     *         defaults, libtorch's activation buffers are returned to the OS and page-faulted again every step, so
     *         timings depend on them ({@code ./jackpot} sets them)
     */
    static String mallocSettings() {
        StringBuilder b = new StringBuilder();
        for (String v : new String[] {"MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_"}) {
            String value = System.getenv(v);
            if (value != null) {
                b.append(b.length() == 0 ? "" : " ").append(v).append('=').append(value);
            }
        }
        return b.length() == 0 ? "glibc malloc defaults" : b.toString();
    }
}
