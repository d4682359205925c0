package dev.jackpot.cli;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.bench.TeacherBench;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.bench.GemmReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jackpot bench teacher}: sparse Algorithm 1 kernels against the dense reference. */
@Command(name = "teacher", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time Algorithm 1 with the sparse kernels (cost N sum_j r_j: the sample-major ones, the first "
                + "feature-major ones, and the ones chosen by default, which for heavily overlapping supports of at "
                + "most 6 neurons share the gradient between neurons by activation pattern) and with the dense "
                + "reference (cost N d K) on the same problems, from the same W(0), in the same process, "
                + "interleaved; each figure is the fastest repeat.",
                "Prints per configuration: iterations, time per iteration and per run, useful GFLOP/s "
                        + "(4 N sum_j r_j per iteration), the feature-major/sample-major, sample-major/default and "
                        + "dense/sparse ratios, and "
                        + "GFLOP/s as a fraction of a reference (the fastest fp64 1024 x 1024 GEMM libtorch runs on the "
                        + "same threads, measured now, or --peak-gflops) and of the best loop this JVM runs (measured now).",
                "Default configurations: K,d,N,r = 10,300,5000,20; 10,500,5000,100; and two cells of the "
                        + "paper-scale Figure 4 near its boundary, 5,100,550,100 and 5,100,400,60."})
final class BenchTeacherCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Option(names = "--repeats", description = "Measured repeats per path, fastest reported (default ${DEFAULT-VALUE}).", defaultValue = "3")
    int repeats;

    @Option(names = "--threads", description = "Threads for the sparse kernels (default ${DEFAULT-VALUE}: one core).", defaultValue = "1")
    int threads;

    @Option(names = "--peak-gflops", paramLabel = "G",
            description = "Quote fractions of this nominal fp64 peak of one core, GFLOP/s, instead of the measured GEMM rate "
                    + "(e.g. FMA units x vector lanes x 2 x GHz).")
    Double peak;

    @Option(names = "--config", paramLabel = "K,d,N,r", split = ";",
            description = "Configurations to run, e.g. '10,300,5000,20' (default: see above).")
    List<String> configs;

    @Override
    public Integer call() {
        List<TeacherBench.Config> list = configs == null ? TeacherBench.DEFAULT_CONFIGS
                : configs.stream().map(this::parse).toList();
        if (repeats < 1 || threads < 1 || (peak != null && !(peak > 0))) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "--repeats, --threads and --peak-gflops must be positive");
        }
        PrintWriter err = commandSpec.commandLine().getErr();
        err.println("bench teacher: measuring the JVM's axpy ceiling ...");
        err.flush();
        double ceiling = TeacherBench.axpyCeilingGflops(1500);
        double reference = peak != null ? peak * threads
                : GemmReference.gflops(Compute.cpu(threads), DataType.FLOAT64);
        String referenceSource = peak != null ? "nominal fp64 peak (--peak-gflops)"
                : "fp64 GEMM " + GemmReference.SIDE + "^3 on libtorch, measured";
        err.println("bench teacher: running " + list.size() + " configurations x " + repeats + " repeats ...");
        err.flush();
        List<TeacherBench.Row> rows = TeacherBench.run(list, repeats, threads);
        PrintWriter out = commandSpec.commandLine().getOut();
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("peakGflops", reference);
            o.put("peakSource", referenceSource);
            o.put("axpyCeilingGflops", ceiling);
            o.put("threads", threads);
            ArrayNode arr = o.putArray("configs");
            for (TeacherBench.Row r : rows) {
                ObjectNode n = arr.addObject();
                n.put("K", r.config().k());
                n.put("d", r.config().d());
                n.put("N", r.config().n());
                n.put("r", r.config().r());
                n.put("iterations", r.iterations());
                n.put("sparseIterationMs", r.sparseIterationMs());
                n.put("featureMajorIterationMs", r.featureMajorIterationMs());
                n.put("denseIterationMs", r.denseIterationMs());
                n.put("sparseSolveSeconds", r.sparseSolveSeconds());
                n.put("denseSolveSeconds", r.denseSolveSeconds());
                n.put("sparseTrialSeconds", r.sparseTrialSeconds());
                n.put("sparseGflops", r.sparseGflops());
                n.put("featureMajorGflops", r.featureMajorGflops());
                n.put("layoutSpeedup", r.layoutSpeedup());
                n.put("denseGflops", r.denseGflops());
                n.put("denseRawGflops", r.denseRawGflops());
                n.put("speedup", r.speedup());
                n.put("sparseFractionOfPeak", r.sparseGflops() / reference);
                n.put("sparseFractionOfCeiling", r.sparseGflops() / ceiling);
                n.put("featureMajorFractionOfPeak", r.featureMajorGflops() / reference);
                n.put("defaultKernels", r.defaultKernels());
                n.put("defaultIterations", r.defaultIterations());
                n.put("defaultIterationMs", r.defaultIterationMs());
                n.put("defaultGflops", r.defaultGflops());
                n.put("defaultSpeedup", r.defaultSpeedup());
                n.put("defaultFractionOfPeak", r.defaultGflops() / reference);
            }
            OutputOptions.printJson(out, o);
            return ExitCodes.OK;
        }
        out.printf("JVM axpy ceiling %.1f GFLOP/s (%.0f%% of %.1f GFLOP/s, %s), %d thread(s)%n",
                ceiling, 100 * ceiling / reference, reference, referenceSource, threads);
        for (TeacherBench.Row r : rows) {
            TeacherBench.Config c = r.config();
            out.printf("%nK=%d d=%d N=%d r=%d: %d iterations to converge%n", c.k(), c.d(), c.n(), c.r(), r.iterations());
            out.printf("  %-22s %10s %10s %12s %14s%n", "path", "ms/iter", "run (s)", "GFLOP/s", "of peak/ceil");
            out.printf("  %-22s %10.3f %10.3f %12.2f %6.1f%%/%5.1f%%%n", "sparse, sample-major", r.sparseIterationMs(),
                    r.sparseSolveSeconds(), r.sparseGflops(), 100 * r.sparseGflops() / reference, 100 * r.sparseGflops() / ceiling);
            out.printf("  %-22s %10.3f %10.3f %12.2f %6.1f%%/%5.1f%%%n", "sparse, feature-major",
                    r.featureMajorIterationMs(), r.featureMajorIterationMs() * r.iterations() / 1e3,
                    r.featureMajorGflops(), 100 * r.featureMajorGflops() / reference, 100 * r.featureMajorGflops() / ceiling);
            out.printf("  %-22s %10.3f %10.3f %12.2f %6.1f%%/%5.1f%%  (all arithmetic: %.2f GFLOP/s)%n", "dense",
                    r.denseIterationMs(), r.denseSolveSeconds(), r.denseGflops(), 100 * r.denseGflops() / reference,
                    100 * r.denseGflops() / ceiling, r.denseRawGflops());
            out.printf("  %-22s %10.3f %10.3f %12.2f %6.1f%%/%5.1f%%  (%d iterations)%n", "default: " + r.defaultKernels(),
                    r.defaultIterationMs(), r.defaultIterationMs() * r.defaultIterations() / 1e3, r.defaultGflops(),
                    100 * r.defaultGflops() / reference, 100 * r.defaultGflops() / ceiling, r.defaultIterations());
            out.printf("  the default kernels are %.2fx faster per iteration than sample-major%n", r.defaultSpeedup());
            out.printf("  sample-major is %.2fx faster per iteration than feature-major (identical weights) and %.1fx "
                    + "faster than dense;%n  a whole sparse trial (data, curvature, solve, test) takes %.3f s%n",
                    r.layoutSpeedup(), r.speedup(), r.sparseTrialSeconds());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private TeacherBench.Config parse(String text) {
        String[] p = text.split(",");
        try {
            if (p.length != 4) {
                throw new NumberFormatException();
            }
            return new TeacherBench.Config(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()),
                    Integer.parseInt(p[2].trim()), Integer.parseInt(p[3].trim()));
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "--config must be four integers K,d,N,r, got '" + text + "'");
        }
    }
}
