/**
 * Running independent seeded jobs into a run directory: {@link dev.jackpot.jobs.TaskRunner} (one
 * SQLite row per job, resumable, a job that throws becomes a failed row), the bounded
 * {@link dev.jackpot.jobs.WorkerPool} it and the sweep executors share, and the
 * {@link dev.jackpot.jobs.SweepListener} that observes a run's rows as they land.
 */
package dev.jackpot.jobs;
