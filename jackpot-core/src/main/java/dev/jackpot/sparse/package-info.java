/**
 * Products of masked (sparse) weight matrices with dense minibatches, in plain Java, for training
 * pruned fully connected layers at a cost proportional to the weights a mask keeps.
 *
 * <p>Activations are stored feature-major, one contiguous row of the batch per feature
 * ({@code float[features][batch]}), so the forward product and the input gradient are sums of
 * contiguous row axpys, which the JIT vectorises; the weight gradient is a dot product per kept
 * weight, written with independent accumulators (the JIT does not vectorise reductions).
 * Every output element is computed by one thread in a fixed order, so results do not depend on the
 * thread count. {@link dev.jackpot.sparse.NativeKernels} runs the same sums in C where its library is loaded,
 * with the same bits; {@link dev.jackpot.sparse.Exponentials} is the loss's {@code e^x}, with the same bits in
 * Java and C.
 */
package dev.jackpot.sparse;
