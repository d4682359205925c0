package dev.jackpot.store;

import java.io.Serializable;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One finished (or failed) trial of a sweep, as a {@link ResultStore} keeps it.
 *
 * <p>Values are normalised so that a row reads back from the store equal to the row recorded:
 * {@code Integer}, {@code Short} and {@code Byte} become {@code Long}, and {@code Float} becomes
 * {@code Double} (widened exactly). Other {@code Number} classes ({@code BigDecimal}, ...) are
 * rejected rather than silently rounded. Both maps are copied on the way in and on the way out, so
 * a row never changes after construction. Rows are {@link Serializable} so that remote executors can
 * send them back to the driver; deserialisation goes through the validating constructor.
 *
 * @param key         the trial's unique key, e.g. {@code c12-t3}
 * @param cell        the cell's index in the sweep grid, at least 0
 * @param trial       the trial's index within its cell, at least 0
 * @param seed        the trial's derived seed
 * @param coordinates axis name to value ({@code Long}, {@code Double} or {@code String}), in axis
 *                    order
 * @param metrics     metric name to value ({@code Long}, {@code Double}, {@code Boolean} or
 *                    {@code String}), in insertion order; NaN and infinities are allowed
 * @param status      {@link #OK} or {@link #FAILED}
 * @param error       null for an ok trial; for a failed one, the message with its causes
 * @param seconds     the trial's wall-clock time, finite and at least 0
 */
public record TrialRow(String key, int cell, int trial, long seed, LinkedHashMap<String, Object> coordinates,
                       LinkedHashMap<String, Object> metrics, String status, String error, double seconds)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Status of a trial that finished and produced its metrics. */
    public static final String OK = "ok";

    /** Status of a trial that threw; it is retried when the sweep resumes. */
    public static final String FAILED = "failed";

    /**
     * @throws NullPointerException     if key, a map or status is null
     * @throws IllegalArgumentException if a value is out of range, a map holds a null or blank name
     *                                  or a value of an unsupported type, or error is given for an ok
     *                                  trial or missing for a failed one
     */
    public TrialRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(status, "status");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key must not be blank, got '" + key + "'");
        }
        if (cell < 0) {
            throw new IllegalArgumentException("cell must be at least 0, got " + cell + " for trial '" + key + "'");
        }
        if (trial < 0) {
            throw new IllegalArgumentException("trial must be at least 0, got " + trial + " for trial '" + key + "'");
        }
        if (!OK.equals(status) && !FAILED.equals(status)) {
            throw new IllegalArgumentException("status must be '" + OK + "' or '" + FAILED + "', got '" + status
                    + "' for trial '" + key + "'");
        }
        if (OK.equals(status) && error != null) {
            throw new IllegalArgumentException("an ok trial has no error, but trial '" + key + "' has error '"
                    + error + "'");
        }
        if (FAILED.equals(status) && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a failed trial needs an error message, but trial '" + key
                    + "' has " + (error == null ? "none" : "a blank one"));
        }
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw new IllegalArgumentException("seconds must be a finite number at least 0, got " + seconds
                    + " for trial '" + key + "'");
        }
        coordinates = normalise(coordinates, "coordinate", false, key);
        metrics = normalise(metrics, "metric", true, key);
    }

    /**
     * A trial that finished.
     *
     * @param key         the trial's unique key
     * @param cell        the cell's index
     * @param trial       the trial's index within its cell
     * @param seed        the trial's derived seed
     * @param coordinates axis name to value, in axis order
     * @param metrics     metric name to value
     * @param seconds     wall-clock time
     * @return the row, status {@link #OK}
     */
    public static TrialRow ok(String key, int cell, int trial, long seed, Map<String, ?> coordinates,
                              Map<String, ?> metrics, double seconds) {
        return new TrialRow(key, cell, trial, seed, copy(coordinates, "coordinates"), copy(metrics, "metrics"), OK,
                null, seconds);
    }

    /**
     * A trial that threw, with no metrics.
     *
     * @param key         the trial's unique key
     * @param cell        the cell's index
     * @param trial       the trial's index within its cell
     * @param seed        the trial's derived seed
     * @param coordinates axis name to value, in axis order
     * @param cause       what the trial threw
     * @param seconds     wall-clock time until it threw
     * @return the row, status {@link #FAILED}, error as {@link #describe(Throwable)}
     */
    public static TrialRow failed(String key, int cell, int trial, long seed, Map<String, ?> coordinates,
                                  Throwable cause, double seconds) {
        return new TrialRow(key, cell, trial, seed, copy(coordinates, "coordinates"), new LinkedHashMap<>(), FAILED,
                describe(Objects.requireNonNull(cause, "cause")), seconds);
    }

    /**
     * Describes an exception and its chain of causes on one line, e.g.
     * {@code java.lang.IllegalStateException: diverged; caused by java.lang.ArithmeticException: / by zero}.
     *
     * @param t an exception
     * @return its description
     */
    public static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString());
        // a cause cycle is possible (initCause), so stop at the first repeat
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(t);
        for (Throwable c = t.getCause(); c != null && seen.add(c); c = c.getCause()) {
            sb.append("; caused by ").append(c);
        }
        return sb.toString();
    }

    /** @return whether the trial finished ({@link #OK}) */
    public boolean isOk() {
        return OK.equals(status);
    }

    /** @return a copy of the coordinates, in axis order */
    @Override
    public LinkedHashMap<String, Object> coordinates() {
        return new LinkedHashMap<>(coordinates);
    }

    /** @return a copy of the metrics, in insertion order */
    @Override
    public LinkedHashMap<String, Object> metrics() {
        return new LinkedHashMap<>(metrics);
    }

    /** Read-only views for the store and exporters, which must not pay for a copy per row. */
    Map<String, Object> coordinatesView() {
        return Collections.unmodifiableMap(coordinates);
    }

    Map<String, Object> metricsView() {
        return Collections.unmodifiableMap(metrics);
    }

    private static LinkedHashMap<String, Object> copy(Map<String, ?> map, String name) {
        return new LinkedHashMap<>(Objects.requireNonNull(map, name));
    }

    private static LinkedHashMap<String, Object> normalise(Map<String, Object> map, String what, boolean allowBoolean,
                                                           String key) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(what + " names must not be blank, got '" + name + "' in trial '"
                        + key + "'");
            }
            out.put(name, normaliseValue(e.getValue(), what, name, allowBoolean, key));
        }
        return out;
    }

    private static Object normaliseValue(Object v, String what, String name, boolean allowBoolean, String key) {
        if (v instanceof Long || v instanceof Double || v instanceof String) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (allowBoolean && v instanceof Boolean) {
            return v;
        }
        String allowed = allowBoolean ? "a Long, Double, Boolean or String" : "a Long, Double or String";
        throw new IllegalArgumentException(what + " '" + name + "' of trial '" + key + "' must be " + allowed
                + ", got " + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
    }
}
