package dev.jackpot.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive lock on a run directory (or a part of one, such as a lottery replicate), held while a
 * process computes into it: an operating-system file lock on {@code <dir>/run.lock}, beside the
 * results store. A second process that asks for the same lock does not wait and does not touch the
 * run: it gets a {@link RunBusyException} naming the process that holds it, so two invocations on one
 * run never both record trials or write its files. The lock dies with its process (killed included),
 * so a stale {@code run.lock} file never blocks anyone; the file itself stays and only says who held
 * it last. Within one JVM the same directory cannot be locked twice either.
 */
public final class RunLock implements AutoCloseable {

    /** File name of the lock inside the directory. */
    public static final String FILE = "run.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param dir the directory to lock; created if absent
     * @return the held lock; close it when the work is done
     * @throws RunBusyException if another process (or this one) holds it
     * @throws IOException      if the lock file cannot be created
     */
    public static RunLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new RunBusyException(dir + " is in use by another jackpot process" + holder + "; wait for it to "
                    + "finish and run again (what it finishes is kept, and the next run resumes from there).");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + "\n")
                .getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new RunLock(channel, lock);
    }

    /**
     * @param dir a directory
     * @return whether a process (this one included) holds its lock now; false when it has no lock file
     */
    public static boolean isHeld(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(200);
            int n = channel.read(b, 0);
            String text = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : " (" + text + ")";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Another process is computing into the run directory. */
    public static final class RunBusyException extends IOException {
        private static final long serialVersionUID = 1L;

        RunBusyException(String message) {
            super(message);
        }
    }
}
