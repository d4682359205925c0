package dev.jackpot.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunLockTest {

    /** Runs {@link RunLockChild} on {@code dir}: @return its exit code and standard output */
    private static String[] child(Path dir) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RunLockChild.class.getName(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new String[] {Integer.toString(p.waitFor()), out};
    }

    @Test
    void aSecondProcessIsTurnedAwayWithTheHoldersPidAndGetsTheLockOnceItIsFree(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("sweep-0123456789abcdef");
        try (RunLock lock = RunLock.acquire(run)) {
            String[] busy = child(run);
            assertEquals("3", busy[0], busy[1]);
            assertTrue(busy[1].contains("is in use by another jackpot process (pid " + ProcessHandle.current().pid()),
                    busy[1]);
            assertTrue(busy[1].contains("wait for it to finish"), busy[1]);
            // The same JVM cannot take it twice either.
            assertThrows(RunLock.RunBusyException.class, () -> RunLock.acquire(run));
        }
        String[] free = child(run);
        assertEquals("0", free[0], free[1]);
        assertEquals("locked", free[1]);
        assertTrue(Files.readString(run.resolve(RunLock.FILE)).startsWith("pid "), "the file names the last holder");
        try (RunLock again = RunLock.acquire(run)) {
            assertTrue(Files.exists(run.resolve(RunLock.FILE)));
        }
    }
}
