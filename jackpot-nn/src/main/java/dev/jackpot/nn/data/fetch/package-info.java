/**
 * Getting the datasets onto any machine: {@link dev.jackpot.nn.data.fetch.Fetcher} downloads
 * Fashion-MNIST, MNIST or CIFAR-10 (binary) from their published locations into the
 * {@link dev.jackpot.nn.data.DataHome data root}, verifies every file against its published size and
 * SHA-256 ({@link dev.jackpot.nn.data.fetch.DatasetSource}), resumes interrupted transfers with HTTP
 * range requests, and places files atomically; a {@code .tar.gz} is unpacked by a bounded,
 * name-safe reader ({@code TarGz}).
 */
package dev.jackpot.nn.data.fetch;
