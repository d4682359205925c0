package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.store.ResultExport;
import dev.jackpot.store.ResultStore;
import dev.jackpot.store.TrialRow;
import dev.jackpot.sweep.SweepRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code jackpot results}: read a sweep's SQLite results store. */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = "Read the results store (results.sqlite) of a sweep or reproduction run.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {ResultsCommand.Show.class, ResultsCommand.Export.class})
final class ResultsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: show or export");
    }

    static List<TrialRow> read(CommandLine cl, Path runDir) {
        Path db = Files.isDirectory(runDir) ? runDir.resolve(SweepRunner.RESULTS) : runDir;
        if (!Files.isRegularFile(db)) {
            throw new CommandLine.ParameterException(cl, "no results store at " + db
                    + " (give a run directory holding " + SweepRunner.RESULTS + ")");
        }
        try (ResultStore store = ResultStore.open(db)) {
            return store.rows();
        }
    }

    /** {@code jackpot results show RUN}: counts and per-cell means. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Summarise a run's results: trials finished and failed, and per cell the mean of every numeric metric.")
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Parameters(paramLabel = "RUN", description = "A run directory (or its results.sqlite).")
        Path run;

        @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
        boolean json;

        @Override
        public Integer call() {
            List<TrialRow> rows = read(commandSpec.commandLine(), run);
            long ok = rows.stream().filter(TrialRow::isOk).count();
            Map<Integer, Map<String, double[]>> cells = new LinkedHashMap<>();
            Map<Integer, Map<String, Object>> coords = new LinkedHashMap<>();
            for (TrialRow r : rows) {
                if (!r.isOk()) {
                    continue;
                }
                coords.putIfAbsent(r.cell(), r.coordinates());
                Map<String, double[]> sums = cells.computeIfAbsent(r.cell(), c -> new LinkedHashMap<>());
                r.metrics().forEach((k, v) -> {
                    double x = v instanceof Number n ? n.doubleValue() : v instanceof Boolean b ? (b ? 1 : 0) : Double.NaN;
                    if (Double.isFinite(x)) {
                        double[] s = sums.computeIfAbsent(k, key -> new double[2]);
                        s[0] += x;
                        s[1]++;
                    }
                });
            }
            PrintWriter out = commandSpec.commandLine().getOut();
            if (json) {
                ObjectNode o = SpecCodec.json().createObjectNode();
                o.put("run", run.toString());
                o.put("trials", rows.size());
                o.put("ok", ok);
                o.put("failed", rows.size() - ok);
                var arr = o.putArray("cells");
                cells.forEach((cell, sums) -> {
                    ObjectNode c = arr.addObject();
                    c.put("cell", cell);
                    c.set("coordinates", SpecCodec.json().valueToTree(coords.get(cell)));
                    ObjectNode means = c.putObject("means");
                    sums.forEach((k, s) -> means.put(k, s[0] / s[1]));
                    c.put("trials", sums.values().stream().mapToDouble(s -> s[1]).max().orElse(0));
                });
                OutputOptions.printJson(out, o);
            } else {
                out.printf("%s: %d trials, %d ok, %d failed%n", run, rows.size(), ok, rows.size() - ok);
                cells.forEach((cell, sums) -> {
                    StringBuilder sb = new StringBuilder("cell " + cell + " " + coords.get(cell) + ":");
                    sums.forEach((k, s) -> sb.append(String.format(java.util.Locale.ROOT, " %s=%.4g", k, s[0] / s[1])));
                    out.println(sb);
                });
                rows.stream().filter(r -> !r.isOk()).forEach(r -> out.println("failed " + r.key() + ": " + r.error()));
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    /** {@code jackpot results export RUN --csv|--json}: every row. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export every row (key, cell, trial, seed, status, seconds, coordinates, metrics, error) as CSV or JSON.")
    static final class Export implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Parameters(paramLabel = "RUN", description = "A run directory (or its results.sqlite).")
        Path run;

        @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
        Format format;

        static final class Format {
            @Option(names = "--csv", required = true, description = "CSV with a header line.")
            boolean csv;
            @Option(names = "--json", required = true, description = "A JSON array of row objects.")
            boolean json;
        }

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (atomically) instead of standard output.")
        Path output;

        @Override
        public Integer call() throws Exception {
            List<TrialRow> rows = read(commandSpec.commandLine(), run);
            Writer w = output == null ? commandSpec.commandLine().getOut() : new StringWriter();
            if (format.csv) {
                ResultExport.writeCsv(rows, w);
            } else {
                ResultExport.writeJson(rows, w);
            }
            w.flush();
            if (output != null) {
                dev.jackpot.experiment.AtomicFiles.writeString(output, w.toString());
            }
            return ExitCodes.OK;
        }
    }
}
