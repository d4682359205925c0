/**
 * The sparse engine: pruned fully connected networks trained and evaluated in plain Java on the
 * weights their masks keep, so a ticket's cost falls with its density (issue 10; kernels in
 * {@code dev.jackpot.sparse}). {@link dev.jackpot.nn.train.MaskedTrainer} chooses it below
 * {@link dev.jackpot.nn.Compute#sparseBelow()}.
 */
package dev.jackpot.nn.sparse;
