package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.jobs.SweepListener;
import dev.jackpot.repro.Scale;
import dev.jackpot.repro.Zhang2021;
import dev.jackpot.store.TrialRow;
import dev.jackpot.sweep.LocalExecutor;
import dev.jackpot.sweep.SweepRunner;
import dev.jackpot.sweep.SweepSpec;
import dev.jackpot.sweep.TrialExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code jackpot bench spark}: the same sweep on the embedded executor and on Spark. */
@Command(name = "spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the same quick sweep (a zhang2021 figure with few trials per cell, in temporary directories) on "
                + "the embedded thread pool and on Spark with as many slots, and print trials per second for both, "
                + "the overhead ratio (Spark wall time / local wall time; Spark's start-up counted apart) and whether the "
                + "rows are identical. Best of --rounds alternating runs. Needs the Spark engine on the classpath (./jackpot adds it)."})
final class BenchSparkCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--figure", description = "Figure number (default ${DEFAULT-VALUE}).", defaultValue = "4")
    int figure;

    @Option(names = "--scale", description = "quick or paper (default ${DEFAULT-VALUE}).", defaultValue = "quick")
    Scale scale;

    @Option(names = "--trials", paramLabel = "T", description = "Trials per cell (default ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int trials;

    @Option(names = "--threads", description = "Local threads (default ${DEFAULT-VALUE}, as many as local[2] has slots).",
            defaultValue = "2")
    int threads;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default ${DEFAULT-VALUE}).",
            defaultValue = "local[2]")
    String master;

    @Option(names = "--rounds", description = "Alternating local and Spark runs; the best of each counts, which damps "
            + "interference from other load on the machine (default ${DEFAULT-VALUE}).", defaultValue = "2")
    int rounds;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || trials < 1 || rounds < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--threads, --trials and --rounds must be "
                    + "positive, got " + threads + ", " + trials + " and " + rounds);
        }
        SweepSpec sweep = Zhang2021.figure(figure).sweep(scale).withTrials(trials);
        PrintWriter err = commandSpec.commandLine().getErr();
        err.printf("bench spark: starting Spark (%s) ...%n", master);
        err.flush();
        long t0 = System.nanoTime();
        Timed local = null;
        Timed spark = null;
        double startup;
        int slots;
        try (TrialExecutor executor = Engines.open("spark", master, "jackpot bench spark")) {
            startup = (System.nanoTime() - t0) / 1e9;
            slots = executor.parallelism();
            for (int round = 1; round <= rounds; round++) {
                err.printf("bench spark: round %d of %d: %d trials on the local executor (%d threads), then on Spark "
                        + "(%d slots) ...%n", round, rounds, sweep.cells() * trials, threads, slots);
                err.flush();
                local = best(local, time(sweep, new LocalExecutor(threads)));
                spark = best(spark, time(sweep, executor));
            }
        }
        boolean identical = comparable(local.rows).equals(comparable(spark.rows));
        int n = local.rows.size();
        double ratio = spark.wall / local.wall;
        PrintWriter out = commandSpec.commandLine().getOut();
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("figure", figure);
            o.put("scale", scale.name().toLowerCase(java.util.Locale.ROOT));
            o.put("trials", n);
            o.put("threads", threads);
            o.put("master", master);
            o.put("rounds", rounds);
            o.put("sparkSlots", slots);
            o.put("localSeconds", local.wall);
            o.put("sparkSeconds", spark.wall);
            o.put("sparkStartupSeconds", startup);
            o.put("localTrialsPerSecond", n / local.wall);
            o.put("sparkTrialsPerSecond", n / spark.wall);
            o.put("overheadRatio", ratio);
            o.put("identicalRows", identical);
            OutputOptions.printJson(out, o);
        } else {
            out.printf("Figure %d, %s scale, %d cells x %d trials = %d trials; best of %d alternating rounds%n", figure,
                    scale.name().toLowerCase(java.util.Locale.ROOT), sweep.cells(), trials, n, rounds);
            out.printf("local   %d threads  %6.2f s  %6.1f trials/s%n", threads, local.wall, n / local.wall);
            out.printf("spark   %-9s  %6.2f s  %6.1f trials/s  (context start-up %.1f s, not counted)%n", master,
                    spark.wall, n / spark.wall, startup);
            out.printf("overhead ratio (spark / local wall time) %.2f; rows identical: %s%n", ratio, identical);
            out.flush();
        }
        return identical ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private record Timed(List<TrialRow> rows, double wall) {
    }

    private static Timed best(Timed a, Timed b) {
        return a == null || b.wall < a.wall ? b : a;
    }

    private static Timed time(SweepSpec sweep, TrialExecutor executor) throws IOException {
        Path tmp = Files.createTempDirectory("jackpot-bench-spark");
        try {
            long start = System.nanoTime();
            SweepRunner.Outcome o = new SweepRunner().run("bench", sweep, tmp, executor, SweepListener.NONE);
            return new Timed(o.rows(), (System.nanoTime() - start) / 1e9);
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Rows without their wall time, the one field allowed to differ. */
    private static List<String> comparable(List<TrialRow> rows) {
        return rows.stream().map(r -> r.key() + r.seed() + r.coordinates() + r.metrics() + r.status() + r.error()).toList();
    }
}
