/**
 * Sweeps: a base trial, axes and trials per cell ({@link dev.jackpot.sweep.SweepSpec}), the grid
 * ({@link dev.jackpot.sweep.SweepPlan}), what each trial does ({@link dev.jackpot.sweep.Procedure}),
 * the resumable runner ({@link dev.jackpot.sweep.SweepRunner}) that records one row per finished
 * trial in the run's SQLite store, and the pluggable engines that compute the trials
 * ({@link dev.jackpot.sweep.TrialExecutor}: the embedded thread pool
 * {@link dev.jackpot.sweep.LocalExecutor}, or Spark from module {@code jackpot-spark}), all through
 * the one trial function {@link dev.jackpot.sweep.SweepTrial#run}.
 */
package dev.jackpot.sweep;
