package dev.jackpot.experiment;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A run's identity: {@code <kind>-<first 16 hex digits of SHA-256(canonical spec)>}, e.g.
 * {@code teacher-3f9c0a1d2b4e5f60}. Equal specs always share a directory, so re-running a spec
 * finds its earlier results. See {@link CanonicalJson} for what is hashed.
 *
 * @param kind the kind of run, lower-case letters, digits and dashes
 * @param hash 16 lower-case hex digits
 */
public record RunId(String kind, String hash) {

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{16}");

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the kind or the hash is malformed
     */
    public RunId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hash, "hash");
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("run kind must match " + KIND + ", got '" + kind + "'");
        }
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("run hash must be 16 lower-case hex digits, got '" + hash + "'");
        }
    }

    /**
     * @param kind     the kind of run
     * @param spec     the spec's tree
     * @param defaults the default spec's tree, whose values are left out of the hash
     * @return the id
     */
    public static RunId of(String kind, JsonNode spec, JsonNode defaults) {
        String canonical = CanonicalJson.of(spec, defaults);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return new RunId(kind, HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return kind + "-" + hash;
    }
}
