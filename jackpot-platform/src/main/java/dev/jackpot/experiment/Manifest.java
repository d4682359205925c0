package dev.jackpot.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Provenance of a run, written as {@code manifest.json}: enough to tell what produced a result
 * and to reproduce it.
 *
 * @param runId       the run's id
 * @param version     Jackpot's version
 * @param commit      the git commit Jackpot was built from
 * @param javaVersion {@code java.version}
 * @param javaVendor  {@code java.vendor}
 * @param os          {@code os.name} and {@code os.version}
 * @param arch        {@code os.arch}
 * @param processors  available processors
 * @param threads     threads the run used (never changes a result)
 * @param seeds       every seed derived from the spec's root seed, by name
 * @param started     start time
 * @param finished    when this invocation stopped computing
 * @param state       how it stopped: {@link #COMPLETE}, {@link #INTERRUPTED} (stopped, e.g. by Ctrl-C, with work
 *                    left) or {@link #FAILED} (some trials failed; a re-run retries only them); absent in
 *                    manifests written before this field, which were complete
 * @param compute     what decides the last bits of floating-point results besides the spec: {@code cpu} (the
 *                    processor's model: libtorch's kernels round differently on other instruction sets) and
 *                    any engine settings the run adds (e.g. libtorch's intra-op threads, the sparse engine's
 *                    density threshold); absent in manifests written before this field
 */
public record Manifest(String runId, String version, String commit, String javaVersion, String javaVendor,
                       String os, String arch, int processors, int threads, Map<String, Long> seeds,
                       String started, String finished, String state, Map<String, String> compute) {

    /** Every planned trial, task or level finished. */
    public static final String COMPLETE = "complete";
    /** Stopped on request with work left; the next invocation resumes. */
    public static final String INTERRUPTED = "interrupted";
    /** Ran to the end, but some trials failed; the next invocation retries them. */
    public static final String FAILED = "failed";

    /**
     * @param complete whether every planned trial finished
     * @param stopped  whether the run was asked to stop (Ctrl-C)
     * @return how a run of trials stopped: {@link #COMPLETE}, else {@link #INTERRUPTED} when asked to stop,
     *         else {@link #FAILED} (it ran to the end with failed trials)
     */
    public static String state(boolean complete, boolean stopped) {
        return complete ? COMPLETE : stopped ? INTERRUPTED : FAILED;
    }

    /**
     * Describes the running JVM.
     *
     * @param id       the run
     * @param threads  threads used
     * @param seeds    derived seeds
     * @param started  start time
     * @param finished end time
     * @return the manifest of a complete run
     */
    public static Manifest of(RunId id, int threads, Map<String, Long> seeds, Instant started, Instant finished) {
        return of(id, threads, seeds, started, finished, COMPLETE);
    }

    /**
     * @param id       the run
     * @param threads  threads used
     * @param seeds    derived seeds
     * @param started  start time
     * @param finished end time
     * @param state    {@link #COMPLETE}, {@link #INTERRUPTED} or {@link #FAILED}
     * @return the manifest
     */
    public static Manifest of(RunId id, int threads, Map<String, Long> seeds, Instant started, Instant finished,
                              String state) {
        return of(id, threads, seeds, started, finished, state, Map.of());
    }

    /**
     * @param id       the run
     * @param threads  threads used
     * @param seeds    derived seeds
     * @param started  start time
     * @param finished end time
     * @param state    {@link #COMPLETE}, {@link #INTERRUPTED} or {@link #FAILED}
     * @param settings engine settings that change results in the last bits, recorded beside the processor
     * @return the manifest
     */
    public static Manifest of(RunId id, int threads, Map<String, Long> seeds, Instant started, Instant finished,
                              String state, Map<String, String> settings) {
        if (!state.equals(COMPLETE) && !state.equals(INTERRUPTED) && !state.equals(FAILED)) {
            throw new IllegalArgumentException("state must be complete, interrupted or failed, got " + state);
        }
        CodeVersion code = CodeVersion.current();
        return new Manifest(id.toString(), code.version(), code.commit(), System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), threads,
                new TreeMap<>(seeds), started.toString(), finished.toString(), state, compute(settings));
    }

    private static Map<String, String> compute(Map<String, String> settings) {
        Map<String, String> all = new TreeMap<>(settings);
        all.put("cpu", cpuModel());
        return all;
    }

    /** @return the processor's model name from {@code /proc/cpuinfo}, else {@code os.arch} */
    public static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | UncheckedIOException e) {
            return System.getProperty("os.arch");
        }
    }
}
