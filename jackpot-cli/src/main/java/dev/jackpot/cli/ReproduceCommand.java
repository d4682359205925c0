package dev.jackpot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jackpot reproduce}: reproductions of published experiments. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Reproduce the experiments of a paper, checking its claims on the data.",
        synopsisSubcommandLabel = "PAPER",
        subcommands = {ReproduceZhangCommand.class, ReproduceZhangGraspCommand.class,
                ReproduceZhangFloorsCommand.class})
final class ReproduceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a paper is required, e.g. 'jackpot reproduce zhang2021'");
    }
}
