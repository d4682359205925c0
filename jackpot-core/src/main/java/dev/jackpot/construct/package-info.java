/**
 * Strong lottery ticket constructions: pruning a random ReLU network, without training, into an
 * approximation of a given target network.
 *
 * <p>{@link dev.jackpot.construct.ReluMlp} is a dense bias-free ReLU MLP (the target, and the random
 * network of depth 2l); {@link dev.jackpot.construct.ReluMlp#randomTarget} draws a target within the
 * theorems' norm bounds. {@link dev.jackpot.construct.PensiaConstruction} is the theory construction of
 * Pensia, Nagaraj, Rajput and Papailiopoulos, "Optimal Lottery Tickets via SubsetSum: Logarithmic
 * Over-Parameterization is Sufficient" (NeurIPS 2020): one subset-sum problem per target weight and
 * sign (solved with {@link dev.jackpot.subsetsum}), width logarithmic in 1/eps.
 * {@link dev.jackpot.construct.MalachConstruction} is the weight-pruning construction of Malach,
 * Yehudai, Shalev-Shwartz and Shamir, "Proving the Lottery Ticket Hypothesis: Pruning is All You Need"
 * (ICML 2020): one random product per target weight and sign, width polynomial in 1/eps.
 * {@link dev.jackpot.construct.PensiaDirect} is Pensia et al.'s experiment 1 instead: each target weight
 * replaced directly by the nearest subset sum of a random candidate vector shared by its row, with a
 * {@link dev.jackpot.construct.PensiaDirectResult} of errors, failures and counts. The first two return a
 * {@link dev.jackpot.construct.Construction}: random and pruned networks, per-weight errors and
 * parameter counts; {@link dev.jackpot.construct.Constructions} holds the test inputs, the sup-norm error
 * and its a-priori bound.
 *
 * <p>Randomness comes only from {@link dev.jackpot.rng.Seeds} streams named by the construction; the
 * same seed gives bit-identical networks. Nothing here prints.
 */
package dev.jackpot.construct;
