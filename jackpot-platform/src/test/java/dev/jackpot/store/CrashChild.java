package dev.jackpot.store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * The process {@link ResultStoreCrashTest} kills: opens a store, skips the trials it already holds
 * (as a resumed sweep would) and records the rest in order, printing each key once its row is
 * committed.
 */
public final class CrashChild {

    /** Trials the child would record if nobody killed it. */
    static final int TRIALS = 100_000;

    private CrashChild() {
    }

    /**
     * @param i the trial's index
     * @return the row the child records for it; large enough to span several database pages
     */
    static TrialRow row(int i) {
        LinkedHashMap<String, Object> coordinates = new LinkedHashMap<>();
        coordinates.put("N", 1000L + i);
        coordinates.put("mask", i % 2 == 0 ? "oracle" : "grasp");
        LinkedHashMap<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("loss", 1.0 / (i + 3));
        metrics.put("iterations", (long) i * 7);
        metrics.put("success", i % 3 == 0);
        metrics.put("diverged", i % 5 == 0 ? Double.NaN : -0.0);
        metrics.put("note", ("trial " + i + ", \"quoted\"\n").repeat(300));
        return new TrialRow(key(i), i / 10, i % 10, 31L * i, coordinates, metrics, TrialRow.OK, null, i / 100.0);
    }

    /**
     * @param i the trial's index
     * @return its key
     */
    static String key(int i) {
        return "c" + (i / 10) + "-t" + (i % 10);
    }

    /**
     * @param args the database file
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        try (ResultStore store = ResultStore.open(Path.of(args[0]))) {
            Set<String> done = store.finishedKeys();
            for (int i = 0; i < TRIALS; i++) {
                if (!done.contains(key(i))) {
                    store.record(row(i));
                    out.println(key(i));
                    out.flush();
                }
            }
        }
    }
}
