/**
 * Strong-ticket experiments that need a trained deep network: Pensia et al.'s experiment 1
 * ({@link dev.jackpot.nn.strong.PensiaExp1}, strong-lth.md section 4): train a bias-free MLP on
 * Fashion-MNIST with DJL, then approximate every weight by a subset sum of random candidates, and
 * report the weights left outside eps. The subset-sum machinery is core's
 * ({@link dev.jackpot.subsetsum}); the experiments on random targets alone live in jackpot-theory's
 * {@code dev.jackpot.strong}.
 */
package dev.jackpot.nn.strong;
