package dev.jackpot.plot;

/**
 * Builds {@link Heatmap}s: phase diagrams of a quantity over a grid of two parameters.
 */
public final class Heatmaps {

    private Heatmaps() {
    }

    /**
     * A success-rate phase diagram like Zhang et al. (NeurIPS 2021), Figs. 2 and 4: black where no
     * trial succeeded, white where all did, light red where no trial was run.
     *
     * @param title   chart title
     * @param xLabel  x-axis title
     * @param yLabel  y-axis title
     * @param xValues the x of each column, strictly increasing (drawn left to right)
     * @param yValues the y of each row, strictly increasing (drawn bottom to top)
     * @param z       {@code z[yi][xi]}, the success rate at {@code (xValues[xi], yValues[yi])}, in [0, 1],
     *                or NaN for a cell without data
     * @return the heatmap, {@value Heatmap#DEFAULT_WIDTH} x {@value Heatmap#DEFAULT_HEIGHT} pixels
     * @throws IllegalArgumentException if an axis is empty, not finite or not increasing, if {@code z}
     *                                  does not match the axes, or if a rate lies outside [0, 1]
     */
    public static Heatmap successGrid(String title, String xLabel, String yLabel, double[] xValues, double[] yValues,
                                      double[][] z) {
        return grid(title, xLabel, yLabel, "success rate", xValues, yValues, z, 0, 1);
    }

    /**
     * A grid shaded linearly from black at {@code zMin} to white at {@code zMax}.
     *
     * @param title   chart title (empty for none)
     * @param xLabel  x-axis title (empty for none)
     * @param yLabel  y-axis title (empty for none)
     * @param zLabel  colour-bar title (empty for none)
     * @param xValues the x of each column, strictly increasing (drawn left to right)
     * @param yValues the y of each row, strictly increasing (drawn bottom to top)
     * @param z       {@code z[yi][xi]}, the value at {@code (xValues[xi], yValues[yi])}, in
     *                [{@code zMin}, {@code zMax}], or NaN for a cell without data
     * @param zMin    value drawn black
     * @param zMax    value drawn white
     * @return the heatmap, {@value Heatmap#DEFAULT_WIDTH} x {@value Heatmap#DEFAULT_HEIGHT} pixels
     * @throws IllegalArgumentException if an axis is empty, not finite or not increasing, if {@code z}
     *                                  does not match the axes, if a value lies outside the scale, or
     *                                  if the scale is not finite with {@code zMin < zMax}
     */
    public static Heatmap grid(String title, String xLabel, String yLabel, String zLabel, double[] xValues,
                               double[] yValues, double[][] z, double zMin, double zMax) {
        return new Heatmap(title, xLabel, yLabel, zLabel, xValues, yValues, z, zMin, zMax, Heatmap.DEFAULT_WIDTH,
                Heatmap.DEFAULT_HEIGHT);
    }
}
