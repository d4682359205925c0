package dev.jackpot.cli;

/** Exit codes of every {@code jackpot} command. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** The command ran and failed (I/O error, bad data, a failed check). */
    public static final int FAILURE = 1;
    /** The command line or spec is invalid; nothing was run. */
    public static final int USAGE = 2;
    /** Interrupted (Ctrl-C, 128 + SIGINT); finished trials are kept and a re-run resumes. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
