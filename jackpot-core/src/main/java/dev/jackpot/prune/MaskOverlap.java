package dev.jackpot.prune;

import java.util.Map;

/**
 * Overlap of the kept sets of two masks, {@code J = |A ∩ B| / |A ∪ B|} (Jaccard index, IoU).
 *
 * @param jaccard      overall index over every tensor, in [0, 1]
 * @param intersection entries kept by both
 * @param union        entries kept by either
 * @param perLayer     the index of each tensor, in set order
 */
public record MaskOverlap(double jaccard, long intersection, long union, Map<String, Double> perLayer) {

    /** Copies the per-layer map (insertion order kept). */
    public MaskOverlap {
        perLayer = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perLayer));
    }
}
