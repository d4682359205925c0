package dev.jackpot.nn.data.fetch;

/**
 * A file to take out of a downloaded archive, matched by its base name wherever it sits in the
 * archive, and written into the dataset directory under that base name (so no entry can write
 * outside it).
 *
 * @param name  the base name, e.g. {@code data_batch_1.bin}
 * @param bytes its exact size; an entry of another size is refused as a malformed archive
 */
public record ArchiveMember(String name, long bytes) {

    public ArchiveMember {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("An archive member needs a plain base name, got '" + name + "'.");
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("Archive member " + name + " needs a positive size, got " + bytes + ".");
        }
    }
}
