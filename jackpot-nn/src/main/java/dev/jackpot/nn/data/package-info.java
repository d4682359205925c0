/**
 * Image classification data for the deep-network experiments: readers for the IDX format (MNIST,
 * Fashion-MNIST; LeCun et al. 1998, Xiao et al. 2017) and the CIFAR-10 binary batches (Krizhevsky
 * 2009) that validate every header, size and label and name the file in their errors; Debian's
 * Fashion-MNIST install; seeded subsampling (Zhang et al. 2021, Figs 11-12 train on N examples);
 * per-channel normalisation fitted on the training set; the seeded per-epoch order; and seeded
 * training-time augmentation (flip and padded crop, per example and step).
 *
 * <p>Pixels stay as unsigned bytes in {@code N x C x H x W} order; {@link dev.jackpot.nn.data.Batches}
 * turns a list of examples into normalised floats only when a minibatch is built.
 */
package dev.jackpot.nn.data;
