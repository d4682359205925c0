package dev.jackpot.store;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The results of one run's trials, in an embedded SQLite database.
 *
 * <p>Crash safety is the point: every {@link #record} is one transaction, committed before it
 * returns, so a process killed at any moment (SIGKILL included) loses no recorded row and leaves no
 * half-written one; reopening the file finds exactly the rows whose {@code record} had returned,
 * plus possibly the one in flight. The database runs in write-ahead-log mode with
 * {@code synchronous=FULL}, so a commit is also on disk before {@code record} returns and survives a
 * power cut. While a store is open the directory also holds {@code NAME-wal} and {@code NAME-shm};
 * copy the database only when no process has it open (or use SQLite's {@code VACUUM INTO}).
 *
 * <p>Schema (version {@value #SCHEMA_VERSION}), readable with any SQLite client:
 *
 * <pre>
 *   trials(key TEXT PRIMARY KEY, cell INTEGER, trial INTEGER, seed INTEGER, status TEXT,
 *          coordinates TEXT, metrics TEXT, error TEXT, seconds REAL, recorded_at TEXT)
 *   meta(key TEXT PRIMARY KEY, value TEXT)        -- holds schema_version
 * </pre>
 *
 * {@code coordinates} and {@code metrics} are JSON objects (NaN and infinities as the JSON5 tokens,
 * which SQLite's {@code json_extract} reads); {@code recorded_at} is an ISO-8601 instant.
 *
 * <p>Finished trials are never overwritten: a row whose status is {@code ok} is final, while a
 * {@code failed} row is replaced when the trial is retried. All methods are thread-safe; writes
 * from several threads are serialised on the store's one connection. Several processes may open the
 * same file (SQLite locks it); a writer waits up to {@value #BUSY_TIMEOUT_MS} ms for another.
 */
public final class ResultStore implements AutoCloseable {

    /** The schema version this code writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    /** How long a statement waits for another connection's lock before failing, in milliseconds. */
    public static final int BUSY_TIMEOUT_MS = 10_000;

    private static final String COLUMNS = "key, cell, trial, seed, status, coordinates, metrics, error, seconds";

    // A retry replaces only a failed row: on a key clash with an ok row the WHERE clause makes the
    // upsert change nothing, which record() turns into an error. One statement, so one atomic step.
    private static final String UPSERT = "INSERT INTO trials (" + COLUMNS + ", recorded_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT(key) DO UPDATE SET cell = excluded.cell, trial = excluded.trial, seed = excluded.seed,"
            + " status = excluded.status, coordinates = excluded.coordinates, metrics = excluded.metrics,"
            + " error = excluded.error, seconds = excluded.seconds, recorded_at = excluded.recorded_at"
            + " WHERE trials.status = '" + TrialRow.FAILED + "'";

    private final Path file;
    private Connection connection;
    private PreparedStatement upsert;

    private ResultStore(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.upsert = connection.prepareStatement(UPSERT);
    }

    /**
     * Opens the store in a file, creating the file, its parent directories and the schema if they
     * are missing.
     *
     * @param file the database file, e.g. {@code runs/sweep-.../results.sqlite}
     * @return the open store; close it when done
     * @throws StoreException if the file cannot be opened, is not a SQLite database, is another
     *                        application's database, or has a schema version other than
     *                        {@value #SCHEMA_VERSION}
     */
    public static ResultStore open(Path file) {
        Objects.requireNonNull(file, "file");
        Path abs = file.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs.getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the directory of results store " + abs + ": " + e, e);
        }
        Connection c = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            // set at open, before the first statement that may have to wait for another process's lock
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            c = config.createConnection("jdbc:sqlite:" + abs);
            try (Statement s = c.createStatement()) {
                // WAL: a transaction is appended to the log and counts only once its commit frame is
                // written; checkpoints copy committed pages and are redone after a crash, so a killed
                // process leaves the whole transaction or none of it. FULL adds an fsync per commit
                // (negligible next to a trial) so that a power cut loses no committed row either.
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
            }
            initSchema(c, abs);
            ResultStore store = new ResultStore(abs, c);
            c = null;
            return store;
        } catch (SQLException e) {
            throw new StoreException("cannot open results store " + abs + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(c);
        }
    }

    private static void initSchema(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement()) {
            // IMMEDIATE takes the write lock at once, so two processes opening a new file do not
            // both create the schema
            s.execute("BEGIN IMMEDIATE");
            try {
                Set<String> tables = new TreeSet<>();
                try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                if (tables.isEmpty()) {
                    s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)");
                    s.execute("CREATE TABLE trials (key TEXT PRIMARY KEY, cell INTEGER NOT NULL,"
                            + " trial INTEGER NOT NULL, seed INTEGER NOT NULL, status TEXT NOT NULL"
                            + " CHECK (status IN ('" + TrialRow.OK + "', '" + TrialRow.FAILED + "')),"
                            + " coordinates TEXT NOT NULL, metrics TEXT NOT NULL, error TEXT,"
                            + " seconds REAL NOT NULL, recorded_at TEXT NOT NULL)");
                    s.execute("CREATE INDEX trials_by_cell ON trials (cell, trial)");
                    s.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '" + SCHEMA_VERSION + "')");
                } else {
                    checkSchema(s, tables, file);
                }
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            }
        }
    }

    private static void checkSchema(Statement s, Set<String> tables, Path file) throws SQLException {
        if (!tables.contains("meta") || !tables.contains("trials")) {
            throw new StoreException(file + " is not a Jackpot results store: it has the tables " + tables
                    + " but not both 'meta' and 'trials'", null);
        }
        String version = null;
        try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            if (rs.next()) {
                version = rs.getString(1);
            }
        }
        if (version == null) {
            throw new StoreException(file + " is not a Jackpot results store: its meta table has no schema_version",
                    null);
        }
        if (!version.equals(Integer.toString(SCHEMA_VERSION))) {
            throw new StoreException("results store " + file + " has schema version '" + version
                    + "', but this version of Jackpot reads only version " + SCHEMA_VERSION
                    + "; open it with the Jackpot that wrote it", null);
        }
    }

    /** @return the database file */
    public Path file() {
        return file;
    }

    /**
     * Records a trial in one transaction, committed (and on disk) when this returns. A row with the
     * same key is replaced only if its status is {@code failed}: a retry.
     *
     * @param row the trial
     * @throws IllegalStateException if a row with the same key is already recorded as {@code ok}, or
     *                               the store is closed
     * @throws StoreException        if the write fails
     */
    public synchronized void record(TrialRow row) {
        Objects.requireNonNull(row, "row");
        ensureOpen();
        int changed;
        try {
            upsert.setString(1, row.key());
            upsert.setInt(2, row.cell());
            upsert.setInt(3, row.trial());
            upsert.setLong(4, row.seed());
            upsert.setString(5, row.status());
            upsert.setString(6, Values.encode(row.coordinatesView()));
            upsert.setString(7, Values.encode(row.metricsView()));
            upsert.setString(8, row.error());
            upsert.setDouble(9, row.seconds());
            upsert.setString(10, Instant.now().toString());
            changed = upsert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record trial '" + row.key() + "' in results store " + file + ": "
                    + e.getMessage(), e);
        }
        if (changed == 0) {
            throw new IllegalStateException("trial '" + row.key() + "' is already recorded as " + TrialRow.OK
                    + " in results store " + file + "; finished trials are never overwritten");
        }
    }

    /** @return the keys of trials recorded as {@code ok}, ordered by cell, then trial */
    public synchronized Set<String> finishedKeys() {
        return keysWithStatus(TrialRow.OK);
    }

    /** @return the keys of trials recorded as {@code failed}, ordered by cell, then trial */
    public synchronized Set<String> failedKeys() {
        return keysWithStatus(TrialRow.FAILED);
    }

    private Set<String> keysWithStatus(String status) {
        ensureOpen();
        Set<String> keys = new LinkedHashSet<>();
        try (PreparedStatement q = connection.prepareStatement(
                "SELECT key FROM trials WHERE status = ? ORDER BY cell, trial, key")) {
            q.setString(1, status);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw readFailure(e);
        }
        return Collections.unmodifiableSet(keys);
    }

    /**
     * @return every recorded trial, ordered by cell, then trial (then key)
     * @throws StoreException if the database cannot be read or holds a malformed row
     */
    public synchronized List<TrialRow> rows() {
        ensureOpen();
        List<TrialRow> rows = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM trials ORDER BY cell, trial, key")) {
            while (rs.next()) {
                String key = rs.getString(1);
                try {
                    rows.add(new TrialRow(key, rs.getInt(2), rs.getInt(3), rs.getLong(4),
                            Values.decode(rs.getString(6), "coordinates", key),
                            Values.decode(rs.getString(7), "metrics", key), rs.getString(5), rs.getString(8),
                            rs.getDouble(9)));
                } catch (IllegalArgumentException e) {
                    throw new StoreException("results store " + file + " holds an invalid row for trial '" + key
                            + "': " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw readFailure(e);
        }
        return Collections.unmodifiableList(rows);
    }

    /** @return the number of recorded trials, ok and failed */
    public synchronized int count() {
        ensureOpen();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM trials")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    /**
     * Closes the connection; every recorded row is already committed. Closing twice does nothing.
     *
     * @throws StoreException if SQLite reports an error while closing
     */
    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        Connection c = connection;
        PreparedStatement u = upsert;
        connection = null;
        upsert = null;
        // closes both, the statement first, even if one of them fails
        try (c; u) {
            // nothing else to do
        } catch (SQLException e) {
            throw new StoreException("cannot close results store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param name a pragma, e.g. {@code synchronous}
     * @return its value on the store's connection; for tests, as some pragmas are per connection
     */
    synchronized String pragma(String name) {
        ensureOpen();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    private void ensureOpen() {
        if (connection == null) {
            throw new IllegalStateException("results store " + file + " is closed");
        }
    }

    private StoreException readFailure(SQLException e) {
        return new StoreException("cannot read results store " + file + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing with a more useful error
            }
        }
    }
}
