package dev.jackpot.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFilesTest {

    @Test
    void writesReplacesAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/result.json");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFailedWriteLeavesTheOldContent(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("result.json");
        AtomicFiles.writeString(f, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFullDiskOrAFileInTheWayIsNamedWithItsCauseAndARetryWithSpaceCompletes(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("run/manifest.json");
        AtomicFiles.writeString(f, "first");
        // What FileOutputStream throws on ENOSPC, half-way through the content.
        IOException full = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[4096]);
            throw new IOException("No space left on device");
        }));
        assertTrue(full.getMessage().startsWith("cannot write " + f + ": the disk is full (No space left on device)"),
                full.getMessage());
        assertTrue(full.getMessage().contains("nothing already there was changed"), full.getMessage());
        assertEquals("first", Files.readString(f));
        AtomicFiles.writeString(f, "second");
        assertEquals("second", Files.readString(f), "once there is space, the same write completes");
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
        // A regular file where the run directory should be (as good as a read-only directory for a root user).
        Path blocker = dir.resolve("blocked");
        Files.writeString(blocker, "x");
        IOException inTheWay = assertThrows(IOException.class,
                () -> AtomicFiles.writeString(blocker.resolve("spec.yaml"), "k: 1"));
        assertTrue(inTheWay.getMessage().startsWith("cannot write " + blocker.resolve("spec.yaml") + ": "),
                inTheWay.getMessage());
        assertTrue(inTheWay.getMessage().contains("a file stands where a directory is needed"), inTheWay.getMessage());
        assertEquals("x", Files.readString(blocker));
    }
}
