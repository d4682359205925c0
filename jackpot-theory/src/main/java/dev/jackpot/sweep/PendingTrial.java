package dev.jackpot.sweep;

import java.io.Serializable;

/**
 * A trial still to run: its cell, its index within the cell and its seed. This is all an executor
 * ships to a worker; the worker rebuilds the trial spec from the sweep, so the row depends only on
 * (sweep, cell, trial) and never on which worker, thread or partition runs it, or in what order.
 *
 * @param cell  the cell's index in the grid, at least 0
 * @param trial the trial's index within its cell, at least 0
 * @param seed  the trial's seed, {@link SweepPlan#seed(SweepPlan.Cell, int)}
 */
public record PendingTrial(int cell, int trial, long seed) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * @throws IllegalArgumentException if an index is negative
     */
    public PendingTrial {
        if (cell < 0 || trial < 0) {
            throw new IllegalArgumentException("cell and trial must be at least 0, got cell " + cell + ", trial " + trial);
        }
    }

    /** @return the trial's key in the results store, e.g. {@code c12-t3} */
    public String key() {
        return SweepPlan.key(cell, trial);
    }
}
