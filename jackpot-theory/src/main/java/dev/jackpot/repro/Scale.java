package dev.jackpot.repro;

/** How big a reproduction runs. */
public enum Scale {
    /** Fewer trials and a smaller grid (and, where stated, a smaller problem): minutes on 2 cores; what CI runs. */
    QUICK,
    /** The paper's K, d, N, trial counts and grids. Hours on 2 cores; resumable. */
    PAPER
}
