package dev.jackpot.nn.data.fetch;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One file a dataset is downloaded as, pinned by its published size and SHA-256.
 *
 * @param name   the file name, requested as {@code <mirror>/<name>} and saved under it
 * @param bytes  its exact size in bytes, at least 1
 * @param sha256 its SHA-256 digest, 64 lower-case hex digits
 */
public record RemoteFile(String name, long bytes, String sha256) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public RemoteFile {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A remote file needs a plain file name (letters, digits, '.', '_', '-'), "
                    + "got '" + name + "'.");
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("Remote file " + name + " needs a positive size, got " + bytes + ".");
        }
        sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
        if (sha256 == null || !HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Remote file " + name + " needs a SHA-256 of 64 hex digits, got '"
                    + sha256 + "'.");
        }
    }
}
