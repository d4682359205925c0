/**
 * Masks of one-hidden-layer networks as per-neuron support lists, and the quantities the theory
 * defines on them: r-tilde (eq. 5 of Zhang et al. 2021), mask accuracy and pruning ratio.
 */
package dev.jackpot.mask;
