package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.bench.SubsetSumBench;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.subsetsum.SchroeppelShamirSolver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/** {@code jackpot bench subset-sum}: solver time per instance against n. */
@Command(name = "subset-sum", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the subset-sum solvers on random instances: n candidates and a target, all uniform in "
                + "[-1, 1]. The exact meet-in-the-middle solver runs where n <= 44, the grid programme everywhere, "
                + "on the same instances, one thread, each instance solved once untimed (warm-up) and then timed.",
                "Prints per n and solver: the median and slowest time per instance, the median and largest error, "
                        + "the grid's largest stated gap and its largest excess over the exact optimum, and how many "
                        + "results are proven optimal.",
                "Then compares the exact solvers at larger n (eps 0, --exact-n, default 40,44,48,52): meet in the "
                        + "middle (n <= 44, O(2^(n/2)) memory) and Schroeppel-Shamir (n <= 64, O(2^(n/4)) memory), "
                        + "time per instance (wall and CPU), their ratio where both run (of CPU times), the bytes of "
                        + "each solver's arrays at its peak, and the largest difference of their errors. --max-n 60 extends the default sizes to "
                        + "56 and 60 (minutes per instance)."})
final class BenchSubsetSumCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--n", paramLabel = "N", split = ",", description = "Candidate counts (default 20,30,40,60).")
    List<Integer> sizes;

    @Option(names = "--instances", paramLabel = "M", defaultValue = "5",
            description = "Instances per n, median reported (default ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--eps", paramLabel = "E", defaultValue = "0",
            description = "Perturbation budget per chosen candidate (default ${DEFAULT-VALUE}).")
    double eps;

    @Option(names = "--grid-step", paramLabel = "DELTA",
            description = "Grid step (default 1e-5 x max|x_i|, or 1e-4 x max|x_i| with --eps > 0).")
    Double gridStep;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Root seed of the instances (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--exact-n", paramLabel = "N", split = ",",
            description = "Candidate counts of the exact-solver comparison, each at most 64 (default 40,44,48,52).")
    List<Integer> exactSizes;

    @Option(names = "--max-n", paramLabel = "M",
            description = "Instead of --exact-n: the exact comparison at n = 40, 44, ..., M (M up to 64; below 40: "
                    + "no comparison). The default is 52; 56 and beyond take minutes per instance.")
    Integer maxN;

    @Option(names = "--exact-instances", paramLabel = "K", defaultValue = "1",
            description = "Instances per n of the exact comparison, each solved once, timed (default ${DEFAULT-VALUE}).")
    int exactInstances;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Override
    public Integer call() {
        List<Integer> list = sizes == null ? SubsetSumBench.DEFAULT_SIZES : sizes;
        if (eps < 0 || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite non-negative number, got " + eps);
        }
        List<Integer> exactList = exactSizes();
        PrintWriter err = commandSpec.commandLine().getErr();
        err.println("bench subset-sum: n = " + list + ", " + instances + " instances each ...");
        err.flush();
        List<SubsetSumBench.Row> rows = SubsetSumBench.run(list, instances, eps,
                gridStep == null ? OptionalDouble.empty() : OptionalDouble.of(gridStep), seed);
        if (!exactList.isEmpty()) {
            err.println("bench subset-sum: exact solvers at n = " + exactList + ", " + exactInstances
                    + " instance(s) each ...");
            err.flush();
        }
        List<SubsetSumBench.ExactRow> exact = SubsetSumBench.runExact(exactList, exactInstances, seed, r -> {
            err.printf("  n = %d  %-17s %10.3f s (cpu %.3f s)%n", r.n(), r.solver(), r.medianSeconds(),
                    r.medianCpuSeconds());
            err.flush();
        });
        PrintWriter out = commandSpec.commandLine().getOut();
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("instances", instances);
            o.put("eps", eps);
            o.put("seed", seed);
            ArrayNode arr = o.putArray("rows");
            for (SubsetSumBench.Row r : rows) {
                ObjectNode n = arr.addObject();
                n.put("n", r.n());
                n.put("solver", r.solver());
                if (!Double.isNaN(r.gridStep())) {
                    n.put("gridStep", r.gridStep());
                }
                n.put("instances", r.instances());
                n.put("medianSeconds", r.medianSeconds());
                n.put("maxSeconds", r.maxSeconds());
                n.put("medianError", r.medianError());
                n.put("maxError", r.maxError());
                n.put("maxGap", r.maxGap());
                if (!Double.isNaN(r.maxExcess())) {
                    n.put("maxExcessOverExact", r.maxExcess());
                }
                n.put("optimal", r.optimal());
            }
            ArrayNode ex = o.putArray("exact");
            for (SubsetSumBench.ExactRow r : exact) {
                ObjectNode n = ex.addObject();
                n.put("n", r.n());
                n.put("solver", r.solver());
                n.put("instances", r.instances());
                n.put("medianSeconds", r.medianSeconds());
                n.put("maxSeconds", r.maxSeconds());
                if (!Double.isNaN(r.medianCpuSeconds())) {
                    n.put("medianCpuSeconds", r.medianCpuSeconds());
                }
                n.put("maxError", r.maxError());
                n.put("peakArrayBytes", r.peakArrayBytes());
                if (!Double.isNaN(r.ratioToMitm())) {
                    n.put("ratioToMitm", r.ratioToMitm());
                }
                if (!Double.isNaN(r.maxDisagreement())) {
                    n.put("maxDisagreement", r.maxDisagreement());
                }
            }
            OutputOptions.printJson(out, o);
            return ExitCodes.OK;
        }
        out.printf("%d instances per n, candidates and target uniform in [-1, 1], eps %s, one thread%n", instances, eps);
        out.printf("%4s  %-6s %9s %12s %12s %11s %11s %10s %12s %8s%n", "n", "solver", "step", "median ms", "max ms",
                "med error", "max error", "max gap", "excess/exact", "optimal");
        for (SubsetSumBench.Row r : rows) {
            out.printf("%4d  %-6s %9s %12.3f %12.3f %11.2e %11.2e %10.2e %12s %5d/%d%n", r.n(), r.solver(),
                    Double.isNaN(r.gridStep()) ? "-" : String.format("%.0e", r.gridStep()), 1e3 * r.medianSeconds(),
                    1e3 * r.maxSeconds(), r.medianError(), r.maxError(), r.maxGap(),
                    Double.isNaN(r.maxExcess()) ? "-" : String.format("%.2e", r.maxExcess()), r.optimal(), r.instances());
        }
        if (!exact.isEmpty()) {
            out.printf("%nexact solvers, eps 0, %d instance(s) per n, one thread (exact = meet in the middle)%n",
                    exactInstances);
            out.printf("%4s  %-17s %10s %10s %10s %11s %14s %10s %12s%n", "n", "solver", "median s", "max s", "cpu s",
                    "max error", "peak arrays", "cpu/exact", "|err diff|");
            for (SubsetSumBench.ExactRow r : exact) {
                out.printf("%4d  %-17s %10.4f %10.4f %10.4f %11.2e %14s %10s %12s%n", r.n(), r.solver(), r.medianSeconds(),
                        r.maxSeconds(), r.medianCpuSeconds(), r.maxError(), bytes(r.peakArrayBytes()),
                        Double.isNaN(r.ratioToMitm()) ? "-" : String.format("%.2fx", r.ratioToMitm()),
                        Double.isNaN(r.maxDisagreement()) ? "-" : String.format("%.1e", r.maxDisagreement()));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The exact-comparison sizes from --exact-n or --max-n (default 40 .. 52 in steps of 4). */
    private List<Integer> exactSizes() {
        if (exactSizes != null && maxN != null) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "give at most one of --exact-n and --max-n, got --exact-n " + exactSizes + " and --max-n " + maxN);
        }
        if (exactInstances < 1) {
            throw new IllegalArgumentException("--exact-instances must be positive, got " + exactInstances);
        }
        if (exactSizes != null) {
            for (int n : exactSizes) {
                if (n < 0 || n > SchroeppelShamirSolver.MAX_N) {
                    throw new IllegalArgumentException("--exact-n values must be in [0, " + SchroeppelShamirSolver.MAX_N
                            + "] (the Schroeppel-Shamir limit), got " + n);
                }
            }
            return exactSizes;
        }
        if (maxN == null) {
            return SubsetSumBench.DEFAULT_EXACT_SIZES;
        }
        if (maxN > SchroeppelShamirSolver.MAX_N) {
            throw new IllegalArgumentException("--max-n must be at most " + SchroeppelShamirSolver.MAX_N
                    + " (the Schroeppel-Shamir limit), got " + maxN);
        }
        List<Integer> list = new ArrayList<>();
        for (int n = 40; n <= maxN; n += 4) {
            list.add(n);
        }
        return list;
    }

    private static String bytes(long b) {
        return b >= 1 << 20 ? String.format("%.1f MB", b / 1048576.0) : String.format("%.1f kB", b / 1024.0);
    }
}
