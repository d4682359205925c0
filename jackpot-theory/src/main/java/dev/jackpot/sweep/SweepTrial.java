package dev.jackpot.sweep;

import dev.jackpot.store.TrialRow;
import dev.jackpot.teacher.TeacherTrialSpec;

import java.util.LinkedHashMap;

/**
 * Runs one trial of a sweep into its result row: the one function every {@link TrialExecutor} calls,
 * on whatever thread or machine, so that every engine records the same rows.
 */
public final class SweepTrial {

    private SweepTrial() {
    }

    /**
     * Runs a trial. A trial that throws (or overflows its stack, or runs out of memory) gives a
     * failed row naming its key, seed, cell and cause; it never throws itself.
     *
     * @param plan  the sweep's grid
     * @param trial the trial
     * @return its row; only {@link TrialRow#seconds()} differs between runs of the same trial
     * @throws IllegalArgumentException if the trial is not one of the plan's, or its seed is not the
     *                                  plan's (a worker running other code than the driver)
     */
    public static TrialRow run(SweepPlan plan, PendingTrial trial) {
        SweepPlan.Cell cell = cell(plan, trial);
        long start = System.nanoTime();
        try {
            TeacherTrialSpec spec = plan.trialSpec(cell, trial.trial());
            LinkedHashMap<String, Object> metrics = Procedures.run(plan.sweep(), spec);
            return new TrialRow(trial.key(), cell.index(), trial.trial(), trial.seed(),
                    new LinkedHashMap<>(cell.coordinates()), metrics, TrialRow.OK, null, (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return failed(plan, trial, e, (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * The row of a trial that failed outside {@link #run} (e.g. its worker could not run it at all).
     *
     * @param plan    the sweep's grid
     * @param trial   the trial
     * @param cause   what went wrong
     * @param seconds time spent on it
     * @return a failed row whose error names the trial, its seed, its cell and the cause
     */
    public static TrialRow failed(SweepPlan plan, PendingTrial trial, Throwable cause, double seconds) {
        SweepPlan.Cell cell = cell(plan, trial);
        String error = "trial " + trial.key() + " (seed " + trial.seed() + ", cell " + cell.coordinates() + ") failed: "
                + cause;
        return new TrialRow(trial.key(), cell.index(), trial.trial(), trial.seed(), new LinkedHashMap<>(cell.coordinates()),
                new LinkedHashMap<>(), TrialRow.FAILED, error, Math.max(0, seconds));
    }

    private static SweepPlan.Cell cell(SweepPlan plan, PendingTrial trial) {
        if (trial.cell() >= plan.cells().size() || trial.trial() >= plan.sweep().trials()) {
            throw new IllegalArgumentException("trial " + trial.key() + " is outside the sweep's grid of "
                    + plan.cells().size() + " cells x " + plan.sweep().trials() + " trials");
        }
        SweepPlan.Cell cell = plan.cells().get(trial.cell());
        long expected = plan.seed(cell, trial.trial());
        if (expected != trial.seed()) {
            throw new IllegalArgumentException("trial " + trial.key() + " carries seed " + trial.seed()
                    + " but the sweep derives " + expected + "; the worker runs different code than the driver");
        }
        return cell;
    }
}
