package dev.jackpot.cli;

import dev.jackpot.run.Resources;
import picocli.CommandLine;

import java.io.PrintWriter;

/** Entry point of the {@code jackpot} command. */
public final class Main {

    private Main() {
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(JackpotCommand.commandLine(), args));
    }

    /**
     * Runs a command with the last-resort handler for running out of memory: picocli passes an
     * {@link Error} through, so without it a too-large run ends in a JVM stack trace. Every command
     * estimates its memory before allocating (and refuses what cannot fit); this catches the rest.
     *
     * @param cl   the configured command line
     * @param args its arguments
     * @return the exit code: {@link ExitCodes#FAILURE} after an {@link OutOfMemoryError}
     */
    static int run(CommandLine cl, String[] args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // The stack has unwound, so what the command held is garbage now and printing can allocate.
            PrintWriter err = cl.getErr();
            err.println("jackpot: error: out of memory (" + e.getMessage() + ") with a Java heap limit of "
                    + Resources.format(Runtime.getRuntime().maxMemory()) + "; run something smaller, or raise the "
                    + "limit, e.g. JACKPOT_JAVA_OPTS=-Xmx8g ./jackpot ...");
            err.flush();
            return ExitCodes.FAILURE;
        }
    }
}
