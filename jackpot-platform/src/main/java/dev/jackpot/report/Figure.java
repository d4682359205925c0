package dev.jackpot.report;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A figure of a report: the plot {@code plots/NAME.png} of the run (and its {@code NAME.svg}).
 *
 * @param name    the plot's file base name under {@code plots/}, e.g. {@code phase-diagram}
 * @param caption what the figure shows, one or more sentences
 */
public record Figure(String name, String caption) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    /**
     * @throws IllegalArgumentException if {@code name} is not a plain file base name
     * @throws NullPointerException     if an argument is null
     */
    public Figure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(caption, "caption");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a figure name must be a file base name of letters, digits, '.', '_'"
                    + " and '-', not starting with '.' or '-' (it becomes plots/NAME.png), got '" + name + "'");
        }
    }

    /** @return the PNG's path relative to the run directory, {@code plots/NAME.png} */
    public String png() {
        return ReportWriter.PLOTS_DIR + "/" + name + ".png";
    }

    /** @return the SVG's path relative to the run directory, {@code plots/NAME.svg} */
    public String svg() {
        return ReportWriter.PLOTS_DIR + "/" + name + ".svg";
    }
}
