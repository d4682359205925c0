package dev.jackpot.rng;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Derives child seeds from a root seed by name and index, never by order or arithmetic.
 *
 * <p>{@code derive(root, "data", trial)} is a pure function: SHA-256 over the canonical byte
 * encoding of the tuple (root seed, name, indices), truncated to 64 bits. Two different tuples give
 * independent-looking seeds, so parallel trials are reproducible in any execution order and no two
 * features share a stream by accident (the {@code seed + 1} collisions of older tools).
 */
public final class Seeds {

    private Seeds() {
    }

    /**
     * Derives the seed of the stream named {@code name} with the given indices.
     *
     * @param root    the root seed of the spec
     * @param name    the stream's name, e.g. {@code "teacher"}, {@code "data"}, {@code "init"}
     * @param indices optional indices, e.g. the trial number
     * @return the derived 64-bit seed
     * @throws NullPointerException if {@code name} is null
     */
    public static long derive(long root, String name, long... indices) {
        Objects.requireNonNull(name, "name");
        MessageDigest sha = sha256();
        update(sha, root);
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        update(sha, bytes.length);
        sha.update(bytes);
        update(sha, indices.length);
        for (long index : indices) {
            update(sha, index);
        }
        byte[] digest = sha.digest();
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = (seed << 8) | (digest[i] & 0xFF);
        }
        return seed;
    }

    /**
     * Returns a generator on the stream {@code derive(root, name, indices)}.
     *
     * @param root    the root seed
     * @param name    the stream's name
     * @param indices optional indices
     * @return a new generator, owned by the caller
     */
    public static Rng stream(long root, String name, long... indices) {
        return Rng.of(derive(root, name, indices));
    }

    private static void update(MessageDigest sha, long value) {
        for (int i = 7; i >= 0; i--) {
            sha.update((byte) (value >>> (8 * i)));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
