/**
 * Sweeps on Apache Spark: {@link dev.jackpot.spark.SparkExecutor} runs each pending trial as a Spark
 * task and hands the rows to the driver's {@link dev.jackpot.sweep.SweepRunner}, which commits them
 * to the run's SQLite store as they arrive; {@link dev.jackpot.spark.SparkEngineProvider} offers it
 * to the command line as {@code --engine spark}; {@link dev.jackpot.spark.SparkSweepMain} is the
 * entry point for {@code spark-submit}. Rows are byte-identical to the local executor's (apart from
 * wall time), whatever the partitioning or task order.
 */
package dev.jackpot.spark;
