/**
 * Figures, each saved as PNG and SVG side by side, atomically: XChart line charts, plain or with
 * shaded error bands ({@link dev.jackpot.plot.Charts}; logarithmic axes labelled across the range
 * they show), and grey-scale phase diagrams ({@link dev.jackpot.plot.Heatmaps},
 * {@link dev.jackpot.plot.Heatmap}), the one figure drawn by hand, because XChart's heat map cannot
 * mark cells without data or title its colour bar.
 */
package dev.jackpot.plot;
