/**
 * Figures: XChart line charts (and, later, heatmaps) saved as PNG and SVG.
 */
package dev.jackpot.plot;
