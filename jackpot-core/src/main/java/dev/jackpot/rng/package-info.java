/**
 * Reproducible randomness: one root seed per spec, every stream derived from it by name and index.
 *
 * <p>{@link dev.jackpot.rng.Seeds} maps (root, name, indices) to a seed with SHA-256, and
 * {@link dev.jackpot.rng.Rng} is the only generator the rest of Jackpot uses. Nothing in the main
 * sources calls {@code new Random()}, {@code Math.random()} or a static generator; a test enforces it.
 */
package dev.jackpot.rng;
