package dev.jackpot.cli;

import dev.jackpot.jobs.SweepListener;
import dev.jackpot.store.TrialRow;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Sweep progress on standard error (bar with rate and ETA, or plain lines), and Ctrl-C handling:
 * on SIGINT the runner stops scheduling, the trials in flight finish and are recorded, and the
 * command exits; running it again resumes.
 */
final class SweepProgress implements SweepListener, AutoCloseable {

    private final String task;
    private final boolean quiet;
    private final PrintWriter err;
    private final Runnable stop;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private Progress progress;
    private volatile boolean interrupted;

    SweepProgress(String task, boolean quiet, PrintWriter err, Runnable stop) {
        this.task = task;
        this.quiet = quiet;
        this.err = err;
        this.stop = stop;
        this.hook = new Thread(() -> {
            interrupted = true;
            stop.run();
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jackpot-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** @return whether Ctrl-C stopped the sweep */
    boolean interrupted() {
        return interrupted;
    }

    @Override
    public void onStart(int total, int alreadyFinished, int scheduled) {
        closeBar();
        if (!quiet) {
            err.printf("%s: %d trials, %d already finished, %d to run%n", task, total, alreadyFinished, scheduled);
            err.flush();
        }
        progress = Progress.start(task, scheduled, quiet);
    }

    @Override
    public void onTrial(TrialRow row, int done) {
        progress.update(done, row.isOk() ? "" : "FAILED " + row.key());
    }

    private void closeBar() {
        if (progress != null) {
            if (interrupted) {
                progress.markStopped();
            }
            progress.close();
            progress = null;
        }
    }

    /** Ends the progress bar; the interrupt hook stays armed until {@link #finish()}. */
    @Override
    public void close() {
        closeBar();
    }

    /**
     * Called last, after the command has printed everything: lets a pending Ctrl-C end the JVM (its
     * hook waits for this, so the command's final messages are not cut off) or disarms the hook.
     */
    void finish() {
        closeBar();
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting because of Ctrl-C; the hook is already running
        }
    }
}
