package dev.jackpot.cli;

/** Entry point of the {@code jackpot} command. */
public final class Main {

    private Main() {
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(JackpotCommand.commandLine().execute(args));
    }
}
