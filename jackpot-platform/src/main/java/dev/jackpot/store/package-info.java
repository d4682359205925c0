/**
 * Results of a run's trials in an embedded SQLite database, one per run directory
 * ({@link dev.jackpot.store.ResultStore}): each trial ({@link dev.jackpot.store.TrialRow}) is committed
 * in its own transaction as it finishes, so a sweep killed at any moment resumes from exactly the
 * trials it had recorded, and a finished trial is never overwritten. Rows export to CSV and JSON
 * ({@link dev.jackpot.store.ResultExport}).
 */
package dev.jackpot.store;
