/**
 * Networks with prunable layers, written as pure functions of named parameters so that masking is
 * explicit: a {@link dev.jackpot.nn.model.Network} lists its parameters in a fixed order with
 * stable names ({@code "fc1.weight"}, {@code "stage2.block0.conv1.weight"}), says which are prunable
 * (Conv and Linear weights; never biases or batch-norm), and computes logits from a map of
 * parameter arrays. The models are those of Frankle and Carbin, "The Lottery Ticket Hypothesis"
 * (ICLR 2019): LeNet-300-100, Conv-2/4/6 and LeNet-5, plus ResNet-20 for CIFAR-10 (He et al., CVPR
 * 2016) as in OpenLTH's {@code cifar_resnet_20}. {@link dev.jackpot.nn.model.Initialiser} draws
 * weights from Jackpot's seeded streams, one per parameter name, and
 * {@link dev.jackpot.nn.model.Parameters} converts between engine arrays and
 * {@link dev.jackpot.tensor.TensorSet} bit for bit.
 */
package dev.jackpot.nn.model;
