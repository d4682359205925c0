/**
 * Deep networks on DJL with its PyTorch engine: {@link dev.jackpot.nn.Compute} chooses the engine,
 * device and thread count in one place; the sub-packages hold the dataset readers, the models with
 * prunable layers and the masked trainer.
 */
package dev.jackpot.nn;
