/**
 * Masked training of the networks of {@link dev.jackpot.nn.model}, with the semantics of the
 * weak-LTH design note (section 2) made exact: the forward pass uses {@code W * M}; the gradient is
 * zero at masked entries; after every update {@code W <- W * M} and every optimiser buffer (SGD
 * momentum, Adam's m and v) is zero at masked entries. The optimisers (SGD with optional momentum
 * and Nesterov, Adam) are written here on engine arrays so that the state they keep is under
 * Jackpot's control. Training runs from any step to any step, can capture the weights and optimiser
 * state at a rewind step, evaluates at each epoch's end, records the early-stopping iteration and
 * reports divergence as a result. {@link dev.jackpot.nn.train.StepLoop} is the minibatch loop (data
 * order, batches, learning-rate schedule, divergence, epoch ends) that masked training, edge-popup and
 * projected SGD share; each supplies its own update rule.
 */
package dev.jackpot.nn.train;
