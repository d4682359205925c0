package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.repro.Scale;
import dev.jackpot.repro.Zhang2021;
import dev.jackpot.sweep.SweepRunner;
import dev.jackpot.sweep.SweepSpec;
import dev.jackpot.sweep.TrialExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** {@code jackpot bench sweep}: wall time of a reproduction's sweep. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the sweep of a zhang2021 figure from scratch (in a temporary directory, deleted afterwards): "
                + "wall time, trials per second, time per trial, and the CPU time the process used per trial.",
                "On a shared machine the wall time and the time per trial grow with other load; the process CPU "
                        + "time does much less, so the command also projects the full sweep from it (CPU time per "
                        + "trial x trials / threads) and prints the system load average before and after.",
                "Default: Figure 4 at paper scale (10 x 12 cells x 100 trials; target: under 10 minutes on 2 cores). "
                        + "--trials runs fewer trials per cell and also prints the projection to the full count."})
final class BenchSweepCommand extends SweepingCommand {

    @Option(names = "--figure", description = "Figure number (default ${DEFAULT-VALUE}).", defaultValue = "4")
    int figure;

    @Option(names = "--scale", description = "quick or paper (default ${DEFAULT-VALUE}).", defaultValue = "paper")
    Scale scale;

    @Option(names = "--trials", paramLabel = "T", description = "Trials per cell instead of the scale's count.")
    Integer trials;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Override
    Integer execute() throws Exception {
        SweepSpec full = Zhang2021.figure(figure).sweep(scale);
        SweepSpec sweep = trials == null ? full : full.withTrials(trials);
        Path tmp = Files.createTempDirectory("jackpot-bench-sweep");
        SweepRunner.Outcome outcome;
        int slots;
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double loadBefore = os.getSystemLoadAverage();
        long cpuStart = processCpuNanos(os);
        long start = System.nanoTime();
        try (TrialExecutor executor = executor("jackpot bench sweep"); SweepProgress progress = progress("bench fig" + figure)) {
            slots = executor.parallelism();
            outcome = runner.run("bench", sweep, tmp, executor, progress);
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        long cpuEnd = processCpuNanos(os);
        double processCpu = cpuStart < 0 || cpuEnd < 0 ? Double.NaN : (cpuEnd - cpuStart) / 1e9;
        double loadAfter = os.getSystemLoadAverage();
        int n = outcome.rows().size();
        double cpu = outcome.rows().stream().mapToDouble(r -> r.seconds()).sum();
        int fullTrials = full.cells() * full.trials();
        double projected = wall * fullTrials / n;
        double projectedFromCpu = processCpu * fullTrials / n / slots;
        PrintWriter out = commandSpec.commandLine().getOut();
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("figure", figure);
            o.put("scale", scale.name().toLowerCase(java.util.Locale.ROOT));
            o.put("threads", slots);
            o.put("trials", n);
            o.put("wallSeconds", wall);
            o.put("trialsPerSecond", n / wall);
            o.put("cpuSecondsPerTrial", cpu / n);
            o.put("parallelEfficiency", cpu / (wall * slots));
            o.put("processCpuSecondsPerTrial", processCpu / n);
            o.put("loadAverageBefore", loadBefore);
            o.put("loadAverageAfter", loadAfter);
            o.put("fullTrials", fullTrials);
            o.put("projectedFullWallSeconds", projected);
            o.put("projectedFullWallSecondsFromCpu", projectedFromCpu);
            OutputOptions.printJson(out, o);
        } else {
            out.printf("Figure %d, %s scale, %d cells x %d trials = %d trials on %d threads%n", figure,
                    scale.name().toLowerCase(java.util.Locale.ROOT), sweep.cells(), sweep.trials(), n, slots);
            out.printf("wall %.1f s, %.1f trials/s, %.1f ms per trial (time in the trial), parallel efficiency %.0f%%%n",
                    wall, n / wall, 1e3 * cpu / n, 100 * cpu / (wall * slots));
            out.printf("process CPU %.1f ms per trial; system load average %.2f before, %.2f after (%d cores)%n",
                    1e3 * processCpu / n, loadBefore, loadAfter, os.getAvailableProcessors());
            if (n != fullTrials) {
                out.printf("projected wall time for the full %d trials: %.0f s (%.1f min) from the wall time, "
                        + "%.0f s (%.1f min) from the CPU time on %d threads%n", fullTrials, projected, projected / 60,
                        projectedFromCpu, projectedFromCpu / 60, slots);
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** CPU time of this process in nanoseconds, or -1 where the JVM cannot tell. */
    private static long processCpuNanos(java.lang.management.OperatingSystemMXBean os) {
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
