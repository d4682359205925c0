/**
 * Benchmarks that report figures (never timed unit tests): each compares a fast path against a
 * baseline measured in the same run, and reports GFLOP/s against a ceiling measured in the same run.
 */
package dev.jackpot.bench;
