/**
 * Benchmarks of the deep-network engine: masked against dense training epochs in the same process
 * ({@code jackpot bench nn}).
 */
package dev.jackpot.nn.bench;
