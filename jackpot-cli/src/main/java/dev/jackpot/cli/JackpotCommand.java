package dev.jackpot.cli;

import dev.jackpot.experiment.CodeVersion;
import dev.jackpot.experiment.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root {@code jackpot} command.
 */
@Command(name = "jackpot",
        mixinStandardHelpOptions = true,
        versionProvider = JackpotCommand.Version.class,
        description = "Lottery-ticket research toolkit: learn, construct and analyse sparse networks.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {TeacherCommand.class, SubsetSumCommand.class, ConstructCommand.class, StrongCommand.class, SweepCommand.class, ReproduceCommand.class, ResultsCommand.class, RunsCommand.class, ClaimsCommand.class, DataCommand.class, TicketsCommand.class, LotteryCommand.class, PruneAtInitCommand.class, SanityCommand.class, StabilityCommand.class, PopupCommand.class, PerturbCommand.class,
                BenchCommand.class, TourCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the command failed (I/O error, bad data, failed check)",
                "2:invalid command line or spec; nothing was run",
                "130:interrupted by Ctrl-C; finished trials are kept, run the same command again to resume"})
public final class JackpotCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, e.g. 'jackpot tour'");
    }

    /**
     * The configured command line: usage errors and invalid specs exit 2, other failures exit 1
     * with a one-line message (the stack trace only with JACKPOT_DEBUG=1).
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new JackpotCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException
                || t instanceof SpecException || t instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILURE);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean usage = ex instanceof SpecException || ex instanceof IllegalArgumentException;
            commandLine.getErr().println("jackpot: " + (usage ? "invalid input: " : "error: ") + ex.getMessage());
            if ("1".equals(System.getenv("JACKPOT_DEBUG"))) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return usage ? ExitCodes.USAGE : ExitCodes.FAILURE;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("jackpot: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            c.getErr().flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /** Prints the version and the commit it was built from. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            CodeVersion v = CodeVersion.current();
            return new String[]{"jackpot " + v.version() + " (commit " + v.commit() + ")",
                    "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
                            + System.getProperty("os.arch")};
        }
    }
}
