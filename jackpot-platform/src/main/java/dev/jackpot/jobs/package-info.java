/**
 * Running independent seeded jobs into a run directory: {@link dev.jackpot.jobs.TaskRunner} (one
 * SQLite row per job, resumable, a job that throws becomes a failed row), the bounded
 * {@link dev.jackpot.jobs.WorkerPool} it and the sweep executors share, and the
 * {@link dev.jackpot.jobs.SweepListener} that observes a run's rows as they land. Where they run is a
 * {@link dev.jackpot.jobs.TaskExecutor} (this JVM's threads, or a cluster found through
 * {@link dev.jackpot.jobs.TaskExecutorProvider}); tasks are rebuilt in other JVMs from their spec by a
 * {@link dev.jackpot.jobs.TaskSource}. Chained experiments (IMP: level L needs level L−1) run as
 * {@link dev.jackpot.jobs.Job}s with input bytes, one dependency round at a time, through
 * {@link dev.jackpot.jobs.TaskExecutor#executeJobs} and the experiment's {@link dev.jackpot.jobs.JobSource}.
 */
package dev.jackpot.jobs;
