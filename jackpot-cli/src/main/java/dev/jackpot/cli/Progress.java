package dev.jackpot.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/**
 * Progress on standard error: a bar with rate and ETA on a terminal, plain lines when standard
 * error is not a terminal (every step of a task with at most 20 steps, otherwise at most one line per
 * ten percent and per two seconds), nothing when quiet. The closing "done" line is printed only for work
 * that reported progress, so a command that fails while starting ends with its error alone.
 */
final class Progress implements AutoCloseable {

    private final String task;
    private long max;
    private final ProgressBar bar;
    private final PrintStream plain;
    private final long start = System.nanoTime();
    private long current;
    private long lastDecile = -1;
    private long lastPrint;
    private String message = "";
    private boolean updated;

    private volatile boolean stopped;

    private Progress(String task, long max, boolean quiet) {
        this.task = task;
        this.max = max;
        boolean terminal = System.console() != null && !quiet;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200)
                    .showSpeed().build();
            plain = null;
        } else {
            bar = null;
            plain = quiet ? null : System.err;
        }
    }

    /**
     * @param task  what is being done
     * @param max   total units of work
     * @param quiet print nothing at all
     * @return a progress reporter
     */
    static Progress start(String task, long max, boolean quiet) {
        return new Progress(task, max, quiet);
    }

    /**
     * @param done  units done so far
     * @param extra short status text
     */
    void update(long done, String extra) {
        updated = true;
        current = done;
        message = extra;
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(extra);
        } else if (plain != null) {
            long decile = max > 0 ? done * 10 / max : 0;
            long now = System.nanoTime();
            boolean fewSteps = max <= 20;
            if (fewSteps || (decile != lastDecile && now - lastPrint > 2_000_000_000L)) {
                lastDecile = decile;
                lastPrint = now;
                plain.printf("%s: %d/%d (%.0f%%) %s%n", task, done, max, max > 0 ? 100.0 * done / max : 100.0, extra);
            }
        }
    }

    /** @param newMax a revised total (also for the plain lines' percentages) */
    void maxHint(long newMax) {
        max = newMax;
        if (bar != null) {
            bar.maxHint(newMax);
        }
    }

    /** Marks the work as stopped before its end (Ctrl-C), so that {@link #close()} does not say "done". */
    void markStopped() {
        stopped = true;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        } else if (plain != null && stopped) {
            plain.printf("%s: stopped at %d/%d units after %.1f s %s%n", task, current, max,
                    (System.nanoTime() - start) / 1e9, message);
        } else if (plain != null && updated) {
            // A task that never reported (it failed while starting, e.g. its data is missing) did not finish.
            plain.printf("%s: done, %d units in %.1f s %s%n", task, current, (System.nanoTime() - start) / 1e9, message);
        }
    }
}
