package dev.jackpot.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultStoreTest {

    static LinkedHashMap<String, Object> map(Object... kv) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static TrialRow ok(int cell, int trial, double loss) {
        return TrialRow.ok("c" + cell + "-t" + trial, cell, trial, 1000L * cell + trial, map("N", 100L * (cell + 1)),
                map("loss", loss), 0.5);
    }

    static TrialRow failed(int cell, int trial, String error) {
        return new TrialRow("c" + cell + "-t" + trial, cell, trial, 1000L * cell + trial, map("N", 100L * (cell + 1)),
                new LinkedHashMap<>(), TrialRow.FAILED, error, 0.1);
    }

    @Test
    void everyValueTypeRoundTripsExactly(@TempDir Path dir) {
        LinkedHashMap<String, Object> coordinates = map("N", 5000L, "mask", "grasp", "eta", 0.1, "neg", -3L);
        LinkedHashMap<String, Object> metrics = map(
                "max", Long.MAX_VALUE, "min", Long.MIN_VALUE, "zero", 0L,
                "sum", 0.1 + 0.2, "negZero", -0.0, "tiny", Double.MIN_VALUE, "huge", Double.MAX_VALUE,
                "small", 1e-300, "whole", 5.0, "nan", Double.NaN, "inf", Double.POSITIVE_INFINITY,
                "negInf", Double.NEGATIVE_INFINITY, "yes", true, "no", false,
                "nanText", "NaN", "infText", "-Infinity", "numberText", "5", "empty", "",
                "text", "quotes \" and 'apostrophes', commas, new\nlines, tabs\t, unicode é ✓ 𝔸 and \u0000");
        TrialRow row = new TrialRow("c3-t1", 3, 1, -7L, coordinates, metrics, TrialRow.OK, null, 1.25);
        Path file = dir.resolve("nested/dir/results.sqlite");
        try (ResultStore store = ResultStore.open(file)) {
            store.record(row);
        }
        try (ResultStore store = ResultStore.open(file)) {
            TrialRow back = store.rows().get(0);
            assertEquals(row, back);
            // equals compares doubles bit for bit (Double.equals), so -0.0 and NaN are checked; check
            // the classes explicitly too, since 5L.equals(5.0) is false anyway but messages are clearer
            for (Map.Entry<String, Object> e : metrics.entrySet()) {
                assertEquals(e.getValue().getClass(), back.metrics().get(e.getKey()).getClass(), e.getKey());
            }
            assertEquals(List.copyOf(metrics.keySet()), List.copyOf(back.metrics().keySet()));
            assertEquals(List.copyOf(coordinates.keySet()), List.copyOf(back.coordinates().keySet()));
            assertEquals(1, store.count());
        }
    }

    @Test
    void theDatabaseIsInWalModeWithFullSyncAndReadableBySqlite(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.sqlite");
        try (ResultStore store = ResultStore.open(file)) {
            store.record(TrialRow.ok("k", 0, 0, 0, map(), map("nan", Double.NaN, "loss", 0.25, "inf",
                    Double.POSITIVE_INFINITY), 0));
            assertEquals(file.toAbsolutePath(), store.file());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            assertEquals("wal", query(s, "PRAGMA journal_mode"));
            assertEquals("1", query(s, "SELECT value FROM meta WHERE key = 'schema_version'"));
            // the stored JSON (with JSON5 NaN and Infinity tokens) is usable from SQL
            assertEquals("0.25", query(s, "SELECT json_extract(metrics, '$.loss') FROM trials"));
            assertEquals("Inf", query(s, "SELECT json_extract(metrics, '$.inf') FROM trials"));
        }
        try (ResultStore store = ResultStore.open(file)) {
            // synchronous is per connection, so ask the store's own
            assertEquals("2", store.pragma("synchronous"));
            assertEquals("wal", store.pragma("journal_mode"));
            assertEquals(Integer.toString(ResultStore.BUSY_TIMEOUT_MS), store.pragma("busy_timeout"));
        }
    }

    private static String query(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    @Test
    void aFailedRowIsReplacedByItsRetry(@TempDir Path dir) {
        try (ResultStore store = ResultStore.open(dir.resolve("r.sqlite"))) {
            store.record(failed(0, 0, "first failure"));
            assertEquals(Set.of("c0-t0"), store.failedKeys());
            store.record(failed(0, 0, "second failure"));
            assertEquals("second failure", store.rows().get(0).error());
            store.record(ok(0, 0, 0.5));
            assertEquals(Set.of("c0-t0"), store.finishedKeys());
            assertEquals(Set.of(), store.failedKeys());
            assertEquals(List.of(ok(0, 0, 0.5)), store.rows());
        }
    }

    @Test
    void aFinishedRowIsNeverOverwritten(@TempDir Path dir) {
        try (ResultStore store = ResultStore.open(dir.resolve("r.sqlite"))) {
            store.record(ok(2, 1, 0.5));
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> store.record(ok(2, 1, 0.7)));
            assertTrue(again.getMessage().contains("'c2-t1'"), again.getMessage());
            assertTrue(again.getMessage().contains("never overwritten"), again.getMessage());
            assertThrows(IllegalStateException.class, () -> store.record(failed(2, 1, "late failure")));
            assertEquals(List.of(ok(2, 1, 0.5)), store.rows());
            // the store is still usable after the refusal
            store.record(ok(2, 2, 0.1));
            assertEquals(2, store.count());
        }
    }

    @Test
    void rowsAreOrderedByCellThenTrial(@TempDir Path dir) {
        List<TrialRow> expected = List.of(ok(0, 0, 1), ok(0, 1, 2), ok(0, 10, 3), failed(1, 0, "x"), ok(2, 0, 4),
                ok(10, 0, 5));
        List<TrialRow> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new java.util.Random(3));
        try (ResultStore store = ResultStore.open(dir.resolve("r.sqlite"))) {
            shuffled.forEach(store::record);
            assertEquals(expected, store.rows());
            assertEquals(List.of("c0-t0", "c0-t1", "c0-t10", "c2-t0", "c10-t0"), List.copyOf(store.finishedKeys()));
            assertEquals(Set.of("c1-t0"), store.failedKeys());
            assertEquals(6, store.count());
        }
    }

    @Test
    void fourThreadsRecordConcurrently(@TempDir Path dir) throws Exception {
        int threads = 4;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ResultStore store = ResultStore.open(dir.resolve("r.sqlite"))) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int cell = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        store.record(ok(cell, i, cell + i / 1000.0));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(threads * perThread, store.count());
            List<TrialRow> rows = store.rows();
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    assertEquals(ok(t, i, t + i / 1000.0), rows.get(t * perThread + i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentOkRecordsOfOneKeyLetExactlyOneWin(@TempDir Path dir) throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ResultStore store = ResultStore.open(dir.resolve("r.sqlite"))) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                double loss = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    store.record(ok(0, 0, loss));
                    return null;
                }));
            }
            start.countDown();
            int refused = 0;
            for (Future<?> f : futures) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertInstanceOf(IllegalStateException.class, e.getCause());
                    refused++;
                }
            }
            assertEquals(threads - 1, refused);
            assertEquals(1, store.count());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnknownSchemaVersionIsRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.sqlite");
        try (ResultStore store = ResultStore.open(file)) {
            store.record(ok(0, 0, 1));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
        }
        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open(file));
        assertTrue(e.getMessage().contains("schema version '99'"), e.getMessage());
        assertTrue(e.getMessage().contains("only version 1"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void anotherApplicationsDatabaseOrAnotherFileIsRejected(@TempDir Path dir) throws Exception {
        Path foreign = dir.resolve("foreign.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE trials (id INTEGER)");
        }
        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open(foreign));
        assertTrue(e.getMessage().contains("not a Jackpot results store"), e.getMessage());
        assertTrue(e.getMessage().contains("[trials]"), e.getMessage());

        Path text = dir.resolve("notes.sqlite");
        Files.writeString(text, "these are notes, not a database; ".repeat(100));
        StoreException notDb = assertThrows(StoreException.class, () -> ResultStore.open(text));
        assertTrue(notDb.getMessage().contains(text.toString()), notDb.getMessage());
        assertEquals("these are notes, not a database; ".repeat(100), Files.readString(text));
    }

    @Test
    void aClosedStoreRefusesWorkAndClosesTwiceQuietly(@TempDir Path dir) {
        ResultStore store = ResultStore.open(dir.resolve("r.sqlite"));
        store.close();
        store.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.record(ok(0, 0, 1)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, store::count);
    }
}
