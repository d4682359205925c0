package dev.jackpot.experiment;

import java.time.Instant;
import java.util.Map;

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
 * @param finished    end time
 */
public record Manifest(String runId, String version, String commit, String javaVersion, String javaVendor,
                       String os, String arch, int processors, int threads, Map<String, Long> seeds,
                       String started, String finished) {

    /**
     * Describes the running JVM.
     *
     * @param id       the run
     * @param threads  threads used
     * @param seeds    derived seeds
     * @param started  start time
     * @param finished end time
     * @return the manifest
     */
    public static Manifest of(RunId id, int threads, Map<String, Long> seeds, Instant started, Instant finished) {
        CodeVersion code = CodeVersion.current();
        return new Manifest(id.toString(), code.version(), code.commit(), System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), threads,
                new java.util.TreeMap<>(seeds), started.toString(), finished.toString());
    }
}
