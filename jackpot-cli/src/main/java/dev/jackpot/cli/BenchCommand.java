package dev.jackpot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jackpot bench}: benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: print speed figures against a baseline measured in the same run.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {BenchTeacherCommand.class, BenchSweepCommand.class, BenchSparkCommand.class, BenchSubsetSumCommand.class, BenchConstructCommand.class, BenchNnCommand.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required, e.g. 'jackpot bench teacher'");
    }
}
