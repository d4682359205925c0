package dev.jackpot.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.AtomicFiles;
import dev.jackpot.experiment.CodeVersion;
import dev.jackpot.experiment.Manifest;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.plot.Charts;
import dev.jackpot.plot.Heatmap;
import dev.jackpot.report.Claim;
import dev.jackpot.report.Report;
import dev.jackpot.report.ReportWriter;
import dev.jackpot.ticket.Ticket;
import dev.jackpot.ticket.TicketFiles;
import dev.jackpot.ticket.TicketFormat;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one writer of a run directory's files (their places are {@link RunLayout}'s): the spec, the plots,
 * tickets and other artifacts, the report, the manifest, and {@code result.json} last, whose presence
 * marks the run finished. Every file is written atomically (a temporary file, then a rename), so a
 * killed process leaves each file whole or absent; JSON is written by {@link SpecCodec#json()},
 * indented, the same for every kind of run.
 *
 * <p>A run class supplies what is particular to it (its spec's YAML, its charts, its report, its metrics)
 * and calls the methods in that order:
 *
 * <pre>{@code
 * RunWriter w = RunWriter.open(layout);
 * w.spec(yaml);
 * w.plot("convergence", chart);
 * w.report(report);
 * w.manifest(threads, seeds, started);
 * w.result(metrics);
 * }</pre>
 */
public final class RunWriter {

    private final RunLayout layout;

    private RunWriter(RunLayout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /**
     * @param layout the run directory, created if absent
     * @return a writer for it
     * @throws IOException if the directory cannot be created
     */
    public static RunWriter open(RunLayout layout) throws IOException {
        Files.createDirectories(layout.dir());
        return new RunWriter(layout);
    }

    /** @return the run directory */
    public RunLayout layout() {
        return layout;
    }

    /**
     * @param yaml the full spec, defaults included
     * @throws IOException if it cannot be written
     */
    public void spec(String yaml) throws IOException {
        AtomicFiles.writeString(layout.spec(), yaml);
    }

    /**
     * Writes the spec unless the directory already holds one (a resumed run keeps the spec it began with).
     *
     * @param yaml the full spec
     * @throws IOException if it cannot be written
     */
    public void specIfAbsent(String yaml) throws IOException {
        if (!Files.exists(layout.spec())) {
            spec(yaml);
        }
    }

    /**
     * @param name a file name inside the run directory, e.g. {@code trajectory.csv} or {@code summary.md}
     * @param text its content
     * @return the file
     * @throws IOException if it cannot be written
     */
    public Path text(String name, String text) throws IOException {
        Path file = layout.dir().resolve(name);
        AtomicFiles.writeString(file, text);
        return file;
    }

    /**
     * @param name  a file name inside the run directory
     * @param value a JSON tree, record or map
     * @return the file
     * @throws IOException if it cannot be written
     */
    public Path json(String name, Object value) throws IOException {
        return text(name, SpecCodec.json().writeValueAsString(value));
    }

    /**
     * @param name  the plot's base name: {@code plots/NAME.png} and {@code plots/NAME.svg}
     * @param chart the chart
     * @return the PNG file
     * @throws IOException if it cannot be written
     */
    public Path plot(String name, XYChart chart) throws IOException {
        Path png = layout.plot(name, "png");
        Charts.save(chart, png);
        return png;
    }

    /**
     * @param name    the plot's base name
     * @param heatmap the heatmap
     * @return the PNG file
     * @throws IOException if it cannot be written
     */
    public Path plot(String name, Heatmap heatmap) throws IOException {
        Path png = layout.plot(name, "png");
        heatmap.save(png);
        return png;
    }

    /**
     * @param name   a file name inside the run directory, e.g. {@code ticket.npz}
     * @param ticket the ticket
     * @param format its file format
     * @return the file
     * @throws IOException if it cannot be written
     */
    public Path ticket(String name, Ticket ticket, TicketFormat format) throws IOException {
        Path file = layout.dir().resolve(name);
        AtomicFiles.write(file, out -> TicketFiles.write(ticket, format, out));
        return file;
    }

    /**
     * The provenance lines every report starts with: the run id, the root seed where there is one, then
     * the lines the run adds, and the code version last ({@link #report} appends it).
     *
     * @param rootSeed the spec's root seed, or null for a run without randomness
     * @return a mutable, ordered map
     */
    public Map<String, String> provenance(Long rootSeed) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("run", layout.id().toString());
        if (rootSeed != null) {
            p.put("root seed", Long.toString(rootSeed));
        }
        return p;
    }

    /**
     * Writes {@code report.html}, {@code report.md} and, when it checks claims, {@code claims.json} (each
     * claim as {@link dev.jackpot.report.Claim#toJson}), with the code version added to the report's
     * provenance where the report does not state it.
     *
     * @param report the report
     * @throws IOException if it cannot be written
     */
    public void report(Report report) throws IOException {
        Report withCode = report;
        if (!report.provenance().containsKey("code") && !report.provenance().containsKey("code version")) {
            Map<String, String> p = new LinkedHashMap<>(report.provenance());
            p.put("code", CodeVersion.current().toString());
            withCode = new Report(report.title(), report.summary(), report.specYaml(), report.figures(),
                    report.tables(), report.claims(), p);
        }
        ReportWriter.write(withCode, layout.dir());
        if (!report.claims().isEmpty()) {
            claims(report.title(), report.claims());
        }
    }

    /**
     * Writes {@code claims.json}: every command's claims in one shape and one place, for {@code jackpot
     * claims} to collect (runs that write their report themselves call this directly).
     *
     * @param title  the run's title
     * @param claims its checked claims
     * @throws IOException if it cannot be written
     */
    public void claims(String title, List<Claim> claims) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("runId", layout.id().toString());
        o.put("kind", layout.id().kind());
        o.put("title", title);
        com.fasterxml.jackson.databind.node.ArrayNode a = o.putArray("claims");
        claims.forEach(c -> a.add(c.toJson()));
        AtomicFiles.writeString(layout.claims(), SpecCodec.json().writerWithDefaultPrettyPrinter()
                .writeValueAsString(o) + "\n");
    }

    /**
     * Writes {@code manifest.json}, finished now.
     *
     * @param threads the threads the run used (never changes a result)
     * @param seeds   every derived seed, by name
     * @param started when the run started
     * @throws IOException if it cannot be written
     */
    public void manifest(int threads, Map<String, Long> seeds, Instant started) throws IOException {
        manifest(threads, seeds, started, Instant.now());
    }

    /**
     * Writes {@code manifest.json} when this invocation computed something, when the run has no
     * manifest yet, or when the run's state changed: provenance is append-only, so re-running a finished
     * run, which computes nothing, leaves the manifest of the invocation that did the work (and its start
     * and end times) as it was.
     *
     * @param computed whether this invocation computed any trial, task or level
     * @param state    {@link Manifest#COMPLETE}, {@link Manifest#INTERRUPTED} or {@link Manifest#FAILED}
     * @param threads  the threads the run used
     * @param seeds    every derived seed, by name
     * @param started  when this invocation started
     * @return whether the manifest was written
     * @throws IOException if it cannot be written
     */
    public boolean manifestIfComputed(boolean computed, String state, int threads, Map<String, Long> seeds,
                                      Instant started) throws IOException {
        return manifestIfComputed(computed, state, threads, seeds, started, Map.of());
    }

    /**
     * As {@link #manifestIfComputed(boolean, String, int, Map, Instant)}, recording engine settings that change
     * results in the last bits ({@link Manifest#compute()}).
     *
     * @param settings the settings, by name
     * @return whether the manifest was written
     * @throws IOException if it cannot be written
     */
    public boolean manifestIfComputed(boolean computed, String state, int threads, Map<String, Long> seeds,
                                      Instant started, Map<String, String> settings) throws IOException {
        if (!computed && state.equals(RunCatalog.manifestState(layout.dir()))) {
            return false;
        }
        AtomicFiles.writeString(layout.manifest(), SpecCodec.json().writeValueAsString(
                Manifest.of(layout.id(), threads, seeds, started, Instant.now(), state, settings)));
        return true;
    }

    /**
     * @param threads  the threads the run used
     * @param seeds    every derived seed, by name
     * @param started  when the run started
     * @param finished when its computation finished
     * @throws IOException if it cannot be written
     */
    public void manifest(int threads, Map<String, Long> seeds, Instant started, Instant finished) throws IOException {
        AtomicFiles.writeString(layout.manifest(), SpecCodec.json().writeValueAsString(
                Manifest.of(layout.id(), threads, seeds, started, finished)));
    }

    /**
     * Finishes a study, a run made of cells and judged by the claims of its report: writes the spec
     * (the report's YAML), the report, the manifest when this call computed a cell, and last
     * {@code result.json}: {@code runId}, {@code dir}, the fields {@code body} adds, then
     * {@code claims} (each {@link Claim#toJson()} of the report).
     *
     * @param report   the study's report
     * @param body     adds the study's own fields (its cells) to the result
     * @param computed whether this call computed anything (a re-run that only loaded keeps its manifest)
     * @param threads  intra-op threads used
     * @param seeds    the seeds to record
     * @param started  when this call started
     * @throws IOException if a file cannot be written
     */
    public void finishStudy(Report report, Consumer<ObjectNode> body, boolean computed, int threads,
                            Map<String, Long> seeds, Instant started) throws IOException {
        spec(report.specYaml());
        report(report);
        ObjectNode result = SpecCodec.json().createObjectNode();
        result.put("runId", layout.id().toString());
        result.put("dir", layout.dir().toString());
        body.accept(result);
        ArrayNode claims = result.putArray("claims");
        report.claims().forEach(c -> claims.add(c.toJson()));
        manifestIfComputed(computed, Manifest.COMPLETE, threads, seeds, started);
        result(result);
    }

    /**
     * Writes {@code result.json}: call it last, since its presence marks the run finished.
     *
     * @param value the metrics (a JSON tree or a record)
     * @throws IOException if it cannot be written
     */
    public void result(Object value) throws IOException {
        AtomicFiles.writeString(layout.result(), SpecCodec.json().writeValueAsString(value));
    }
}
