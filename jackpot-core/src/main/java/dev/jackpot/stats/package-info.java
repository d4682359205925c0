/**
 * Statistics for verdicts over replicates: Student's t distribution, paired and Welch confidence
 * intervals on a difference of means ({@link dev.jackpot.stats.MeanDifference}), and the equivalence
 * verdict "better / matches / worse / inconclusive" against a stated margin
 * ({@link dev.jackpot.stats.Verdict}, two one-sided tests).
 */
package dev.jackpot.stats;
