package dev.jackpot.report;

import java.util.List;
import java.util.Objects;

/**
 * A table of a report. Cells are text, already formatted.
 *
 * @param title  the table's heading
 * @param header column names, at least one
 * @param rows   the rows, each with one cell per column
 */
public record Table(String title, List<String> header, List<List<String>> rows) {

    /**
     * Copies the lists, so the table is immutable.
     *
     * @throws IllegalArgumentException if the header is empty or a row has the wrong number of cells
     * @throws NullPointerException     if an argument, a column name or a cell is null
     */
    public Table {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(rows, "rows");
        if (header.isEmpty()) {
            throw new IllegalArgumentException("table '" + title + "' needs at least one column, got an empty header");
        }
        for (int c = 0; c < header.size(); c++) {
            int column = c;
            Objects.requireNonNull(header.get(c), () -> "table '" + title + "' has a null name for column " + column);
        }
        header = List.copyOf(header);
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            int index = r;
            Objects.requireNonNull(row, () -> "table '" + title + "' has a null row at index " + index);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("table '" + title + "' has " + header.size() + " columns but row "
                        + r + " has " + row.size() + " cells: " + row);
            }
            for (int c = 0; c < row.size(); c++) {
                int column = c;
                Objects.requireNonNull(row.get(c), () -> "table '" + title + "' has a null cell in row " + index
                        + ", column " + column);
            }
        }
        rows = rows.stream().map(List::copyOf).toList();
    }
}
