package dev.jackpot.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Kills a writing process with SIGKILL and checks that every committed row survives intact. */
class ResultStoreCrashTest {

    private static final int ROUNDS = 3;
    private static final int KEYS_PER_ROUND = 50;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aKilledWriterLosesNoCommittedRowAndLeavesNoHalfRow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run/results.sqlite");
        Set<String> reported = new HashSet<>();
        for (int round = 1; round <= ROUNDS; round++) {
            Path stderr = dir.resolve("child-" + round + ".err");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:TieredStopAtLevel=1",
                    // sqlite-jdbc unpacks its native library there; a killed JVM cannot delete it
                    "-Dorg.sqlite.tmpdir=" + dir,
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), file.toString())
                    .redirectError(stderr.toFile())
                    .start();
            int seen = 0;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                while (seen < KEYS_PER_ROUND) {
                    String key = out.readLine();
                    if (key == null) {
                        child.waitFor(10, TimeUnit.SECONDS);
                        fail("the child stopped after " + seen + " keys in round " + round + ": "
                                + Files.readString(stderr));
                    }
                    assertTrue(reported.add(key), "the child recorded " + key + " twice");
                    seen++;
                }
                // SIGKILL on Linux: no shutdown hooks, no close(). Through the handle, because
                // Process.destroyForcibly also closes our end of the pipe, which still holds keys
                child.toHandle().destroyForcibly();
                assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child did not die");
                // lines already in the pipe were printed after their commit, so they count too
                for (String key = out.readLine(); key != null; key = out.readLine()) {
                    assertTrue(reported.add(key), "the child recorded " + key + " twice");
                }
            } finally {
                child.destroyForcibly();
            }
            assertTrue(reported.size() >= round * KEYS_PER_ROUND);
            checkStore(file, reported, round);
        }
    }

    private static void checkStore(Path file, Set<String> reported, int rounds) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            assertTrue(rs.next());
            assertEquals("ok", rs.getString(1));
        }
        try (ResultStore store = ResultStore.open(file)) {
            Set<String> finished = store.finishedKeys();
            for (String key : reported) {
                assertTrue(finished.contains(key), "committed row " + key + " was lost");
            }
            List<TrialRow> rows = store.rows();
            assertEquals(store.count(), rows.size());
            assertTrue(store.failedKeys().isEmpty());
            // the child records trials in order, so the store holds exactly a prefix of them, each
            // intact; per round at most one more than reported (committed, killed before printing)
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(CrashChild.row(i), rows.get(i), "row " + i);
            }
            assertTrue(rows.size() <= reported.size() + rounds, rows.size() + " rows for " + reported.size() + " keys");
        }
    }
}
