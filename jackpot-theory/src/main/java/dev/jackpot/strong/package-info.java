/**
 * Strong-lottery-ticket experiments on plain Java arrays: Lueker's random subset sum
 * ({@link dev.jackpot.strong.Lueker}: success probability of covering every target in [-1, 1]
 * against n, n_50 fitted against log(1/eta), with and without Xiong et al.'s eps-perturbation), the
 * width sweep of the Pensia et al. and Malach et al. constructions, and Malach et al.'s neuron
 * pruning as random features ({@link dev.jackpot.strong.NeuronSweep}); and the run
 * directories of single subset-sum instances ({@link dev.jackpot.strong.SubsetSumRun}) and single
 * constructions with their tickets ({@link dev.jackpot.strong.ConstructRun}). Lueker runs
 * through {@link dev.jackpot.jobs.TaskRunner} (one SQLite row per trial, resumable); every experiment
 * writes a run directory with plots and a report whose claims are checked on the data. Design note:
 * strong-lth.md sections 4 and 5. Pensia et al.'s experiment 1, which trains a Fashion-MNIST MLP on
 * DJL first, lives in jackpot-nn ({@code dev.jackpot.nn.strong}), so this module needs no DJL.
 */
package dev.jackpot.strong;
