package dev.jackpot.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.experiment.Manifest;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runs under a directory and the state each is in, so that no run is left half-made without anyone
 * knowing: {@code jackpot runs} lists them and can delete the ones that did not complete.
 *
 * <p>A run directory is named {@code <kind>-<16 hex digits>} (a {@link dev.jackpot.experiment.RunId})
 * and holds a spec, a manifest, a results store or a lock. Its state: {@link State#RUNNING} while a
 * process holds its {@link RunLock} (or a replicate's); a run of trials (one with a results store)
 * then takes the state its manifest records ({@code complete}, {@code interrupted}, {@code failed}),
 * and is {@link State#INCOMPLETE} without one (killed before its end); any other run is
 * {@link State#COMPLETE} exactly when its {@code result.json} exists, which it writes last.
 */
public final class RunCatalog {

    private static final Pattern NAME = Pattern.compile("(.+)-([0-9a-f]{16})");

    private RunCatalog() {
    }

    /** Where a run stands. */
    public enum State {
        /** Finished: every trial, task or level, and its result. */
        COMPLETE,
        /** A process is computing into it now. */
        RUNNING,
        /** Stopped on request with work left; running it again resumes. */
        INTERRUPTED,
        /** Ran to the end with failed trials; running it again retries them. */
        FAILED,
        /** Stopped before its end without saying why (killed, crashed, out of disk); running it again resumes. */
        INCOMPLETE;

        /** @return the lower-case name, as {@code jackpot runs} prints it */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param id      the directory name, the run id
     * @param kind    the run kind (the id's prefix)
     * @param state   where it stands
     * @param started when its last computing invocation started (the manifest's), else the spec file's time
     * @param bytes   bytes of all its files
     * @param dir     the directory
     */
    public record Entry(String id, String kind, State state, String started, long bytes, Path dir) {
    }

    /**
     * @param root the directory holding runs ({@code --out})
     * @return its runs, by id; empty when it does not exist
     * @throws IOException if it cannot be listed
     */
    public static List<Entry> scan(Path root) throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Matcher m = NAME.matcher(dir.getFileName().toString());
                if (m.matches() && isRun(dir)) {
                    JsonNode manifest = manifest(dir);
                    out.add(new Entry(dir.getFileName().toString(), m.group(1), state(dir, manifest),
                            started(dir, manifest), bytes(dir), dir));
                }
            }
        }
        return out;
    }

    /**
     * Deletes every run that did not complete and is not running: incomplete, interrupted or failed.
     *
     * @param root the directory holding runs
     * @return the runs deleted
     * @throws IOException if one cannot be deleted
     */
    public static List<Entry> cleanIncomplete(Path root) throws IOException {
        List<Entry> deleted = new ArrayList<>();
        for (Entry e : scan(root)) {
            if (e.state() == State.COMPLETE || e.state() == State.RUNNING) {
                continue;
            }
            // Hold the run's lock while deleting, so a process starting on it meanwhile is turned away.
            try (RunLock lock = RunLock.acquire(e.dir())) {
                try (Stream<Path> walk = Files.walk(e.dir())) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(e.dir()) && !p.getFileName().toString().equals(RunLock.FILE)) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            }
            Files.deleteIfExists(e.dir().resolve(RunLock.FILE));
            Files.deleteIfExists(e.dir());
            deleted.add(e);
        }
        return deleted;
    }

    private static boolean isRun(Path dir) {
        for (String f : List.of("spec.yaml", "spec.json", "manifest.json", RunLayout.RESULTS, RunLock.FILE)) {
            if (Files.exists(dir.resolve(f))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param dir a run directory
     * @return where it stands
     */
    public static State state(Path dir) {
        return state(dir, manifest(dir));
    }

    private static State state(Path dir, JsonNode manifest) {
        if (RunLock.isHeld(dir) || anyReplicateHeld(dir)) {
            return State.RUNNING;
        }
        if (!Files.exists(dir.resolve(RunLayout.RESULTS))) {
            return Files.isRegularFile(dir.resolve("result.json")) ? State.COMPLETE : State.INCOMPLETE;
        }
        String s = manifestState(manifest);
        if (s == null) {
            return State.INCOMPLETE;
        }
        return switch (s) {
            case Manifest.COMPLETE -> State.COMPLETE;
            case Manifest.INTERRUPTED -> State.INTERRUPTED;
            case Manifest.FAILED -> State.FAILED;
            default -> State.INCOMPLETE;
        };
    }

    private static boolean anyReplicateHeld(Path dir) {
        try (Stream<Path> subs = Files.list(dir)) {
            return subs.filter(p -> p.getFileName().toString().startsWith("rep-") && Files.isDirectory(p))
                    .anyMatch(RunLock::isHeld);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param dir a run directory
     * @return the state its manifest records ({@code complete} for manifests older than the field), or null
     *         when it has no readable manifest
     */
    static String manifestState(Path dir) {
        return manifestState(manifest(dir));
    }

    private static String manifestState(JsonNode m) {
        if (m == null) {
            return null;
        }
        JsonNode s = m.get("state");
        return s == null || s.isNull() ? Manifest.COMPLETE : s.asText();
    }

    private static JsonNode manifest(Path dir) {
        Path file = dir.resolve("manifest.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return SpecCodec.json().readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private static String started(Path dir, JsonNode m) {
        if (m != null && m.hasNonNull("started")) {
            return m.get("started").asText();
        }
        for (String f : List.of("spec.yaml", "spec.json")) {
            Path p = dir.resolve(f);
            if (Files.exists(p)) {
                try {
                    return Files.getLastModifiedTime(p).toInstant().toString();
                } catch (IOException e) {
                    return "";
                }
            }
        }
        return "";
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            long total = 0;
            for (Path p : walk.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    total += a.size();
                }
            }
            return total;
        }
    }
}
