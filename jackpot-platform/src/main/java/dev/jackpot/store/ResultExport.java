package dev.jackpot.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes trial rows as CSV or JSON for analysis outside Jackpot. Neither method closes the writer.
 */
public final class ResultExport {

    private static final List<String> LEADING = List.of("key", "cell", "trial", "seed", "status", "seconds");
    private static final String TRAILING = "error";

    private ResultExport() {
    }

    /**
     * Writes rows as CSV: the header {@code key,cell,trial,seed,status,seconds}, then one column per
     * coordinate name and one per metric name, each in the order first seen in {@code rows}, then
     * {@code error}; one line per row, in the given order.
     *
     * <p>Numbers are written with {@code Long.toString} and {@code Double.toString}, so they read back
     * exactly ({@code NaN}, {@code Infinity} and {@code -Infinity} included); booleans as
     * {@code true}/{@code false}; a value a row does not have (and an ok row's error) as an empty
     * field. A field holding a comma, a double quote or a line break is quoted as in RFC 4180, with
     * quotes doubled; lines end with {@code \n}. A coordinate or metric whose name is already a
     * column gets the prefix {@code coordinates.} or {@code metrics.}.
     *
     * @param rows the rows
     * @param out  where to write
     * @throws IOException              if writing fails
     * @throws IllegalArgumentException if even the prefixed name of a column is taken
     */
    public static void writeCsv(List<TrialRow> rows, Writer out) throws IOException {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(out, "out");
        Set<String> coordinateNames = new LinkedHashSet<>();
        Set<String> metricNames = new LinkedHashSet<>();
        for (TrialRow row : rows) {
            coordinateNames.addAll(row.coordinatesView().keySet());
            metricNames.addAll(row.metricsView().keySet());
        }
        Set<String> header = new LinkedHashSet<>(LEADING);
        header.add(TRAILING);
        Map<String, String> coordinateColumns = columns(coordinateNames, "coordinates", header);
        Map<String, String> metricColumns = columns(metricNames, "metrics", header);

        List<String> line = new ArrayList<>(LEADING);
        line.addAll(coordinateColumns.values());
        line.addAll(metricColumns.values());
        line.add(TRAILING);
        writeLine(out, line);
        for (TrialRow row : rows) {
            line.clear();
            line.add(row.key());
            line.add(Integer.toString(row.cell()));
            line.add(Integer.toString(row.trial()));
            line.add(Long.toString(row.seed()));
            line.add(row.status());
            line.add(Double.toString(row.seconds()));
            Map<String, Object> coordinates = row.coordinatesView();
            for (String name : coordinateNames) {
                line.add(format(coordinates.get(name)));
            }
            Map<String, Object> metrics = row.metricsView();
            for (String name : metricNames) {
                line.add(format(metrics.get(name)));
            }
            line.add(row.error() == null ? "" : row.error());
            writeLine(out, line);
        }
        out.flush();
    }

    /**
     * Writes rows as a JSON array of objects, in the given order, each with the fields
     * {@code key, cell, trial, seed, status, seconds, coordinates, metrics, error} (the maps as
     * objects in their own order, {@code error} null for an ok row), indented, with a final newline.
     * Doubles are written so they read back exactly; as JSON has no NaN or infinities, those are
     * written as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
     *
     * @param rows the rows
     * @param out  where to write
     * @throws IOException if writing fails
     */
    public static void writeJson(List<TrialRow> rows, Writer out) throws IOException {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(out, "out");
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (TrialRow row : rows) {
            ObjectNode o = array.addObject();
            o.put("key", row.key());
            o.put("cell", row.cell());
            o.put("trial", row.trial());
            o.put("seed", row.seed());
            o.put("status", row.status());
            o.put("seconds", row.seconds());
            o.set("coordinates", Values.toObject(row.coordinatesView()));
            o.set("metrics", Values.toObject(row.metricsView()));
            o.put("error", row.error());
        }
        SpecCodec.json().writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, array);
        out.write('\n');
        out.flush();
    }

    /** Maps each name to its column, prefixing the names already taken. */
    private static Map<String, String> columns(Set<String> names, String group, Set<String> taken) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String name : names) {
            String column = name;
            if (!taken.add(column)) {
                column = group + "." + name;
                if (!taken.add(column)) {
                    throw new IllegalArgumentException("cannot name the CSV column of " + group + " entry '" + name
                            + "': both '" + name + "' and '" + column + "' are taken");
                }
            }
            columns.put(name, column);
        }
        return columns;
    }

    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        // Long, Double, Boolean and String all print themselves as wanted: Long.toString,
        // Double.toString (reads back bit-identical), true/false, the text
        return value.toString();
    }

    private static void writeLine(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write('\n');
    }

    private static String quote(String field) {
        boolean needsQuotes = false;
        for (int i = 0; i < field.length() && !needsQuotes; i++) {
            char ch = field.charAt(i);
            needsQuotes = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
        }
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
