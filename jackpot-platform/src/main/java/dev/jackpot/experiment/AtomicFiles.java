package dev.jackpot.experiment;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader sees either the old content or the complete new content, never a
 * partial file: write to a temporary file in the same directory, force it to disk, then rename.
 * A process killed at any moment leaves at most a stray {@code .tmp} file, which is ignored. A write
 * that fails (a full disk, a read-only directory) removes its temporary file, leaves the target as it
 * was, and says which file and why in its message.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * @param target the file to (re)place
     * @param text   its new content, UTF-8
     * @throws IOException if the write fails (the target is then untouched)
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param target the file to (re)place
     * @param bytes  its new content
     * @throws IOException if the write fails (the target is then untouched)
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * @param target the file to (re)place
     * @param body   writes the content to the stream
     * @throws IOException if the write fails (the target is then untouched)
     */
    public static void write(Path target, StreamBody body) throws IOException {
        try {
            replace(target, body);
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + describe(e) + "; nothing already there was changed.",
                    e);
        }
    }

    /**
     * @param e a failed write
     * @return why, in words a user acts on: a full disk, a read-only or foreign directory, a missing one
     */
    public static String describe(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left on device") || m.contains("Disk quota exceeded")) {
            return "the disk is full (" + m.replaceAll(".*?(No space left on device|Disk quota exceeded).*", "$1")
                    + "); free space or write elsewhere with --out, and run again to resume";
        }
        if (e instanceof java.nio.file.AccessDeniedException || m.contains("Read-only file system")
                || m.contains("Permission denied")) {
            return "permission denied (the directory is read-only or not writable by this user: " + m + ")";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException || e instanceof java.nio.file.NotDirectoryException) {
            return "a file stands where a directory is needed (" + m + ")";
        }
        return e.getClass().getSimpleName() + ": " + m;
    }

    private static void replace(Path target, StreamBody body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            // Temporary files are created owner-only; results are meant to be shared like any file.
            if (Files.getFileStore(tmp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                body.write(out);
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Produces a file's content. */
    @FunctionalInterface
    public interface StreamBody {
        /**
         * @param out the stream to write to
         * @throws IOException if writing fails
         */
        void write(OutputStream out) throws IOException;
    }
}
