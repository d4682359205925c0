/**
 * Pruning at initialisation (weak-lth.md section 5): SNIP (Lee et al., ICLR 2019), GraSP (Wang et
 * al., ICLR 2020), SynFlow (Tanaka et al., NeurIPS 2020), and the magnitude and random baselines.
 * {@link dev.jackpot.nn.pai.PruneAtInit} computes the scores in double precision on the engine and
 * selects the mask with {@link dev.jackpot.prune.ScorePruneStrategy}; the mask is then fixed and the
 * network trained under it with {@link dev.jackpot.nn.train.MaskedTrainer}.
 * {@link dev.jackpot.nn.pai.PruneAtInitRun} is the {@code prune-at-init} run (data, pruning, the
 * shuffle and reinitialisation controls, the run directory) that the command calls.
 */
package dev.jackpot.nn.pai;
