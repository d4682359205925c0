/**
 * Named float tensors: the engine-neutral vocabulary in which network parameters, masks and
 * tickets cross module boundaries (DJL models, pruning strategies, ticket files).
 */
package dev.jackpot.tensor;
