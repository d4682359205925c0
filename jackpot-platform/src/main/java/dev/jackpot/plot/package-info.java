/**
 * Figures, each saved as PNG and SVG side by side, atomically: XChart line charts, plain or with
 * shaded error bands ({@link dev.jackpot.plot.Charts}), and grey-scale phase diagrams drawn by hand
 * ({@link dev.jackpot.plot.Heatmaps}, {@link dev.jackpot.plot.Heatmap}).
 */
package dev.jackpot.plot;
