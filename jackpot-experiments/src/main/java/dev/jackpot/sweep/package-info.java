/**
 * Sweeps: a base trial, axes and trials per cell ({@link dev.jackpot.sweep.SweepSpec}), the grid
 * ({@link dev.jackpot.sweep.SweepPlan}), what each trial does ({@link dev.jackpot.sweep.Procedure}),
 * and the resumable parallel executor ({@link dev.jackpot.sweep.SweepRunner}) that records one row
 * per finished trial in the run's SQLite store.
 */
package dev.jackpot.sweep;
