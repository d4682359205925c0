package dev.jackpot.run;

import java.nio.file.Path;

/** The second process of {@link RunLockTest}: tries to lock the directory it is given and says what happened. */
public final class RunLockChild {

    private RunLockChild() {
    }

    /**
     * @param args the directory to lock
     * @throws Exception if the lock file cannot be created
     */
    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
        } catch (RunLock.RunBusyException e) {
            System.out.println("busy: " + e.getMessage());
            System.exit(3);
        }
    }
}
