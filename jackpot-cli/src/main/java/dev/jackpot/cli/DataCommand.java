package dev.jackpot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jackpot data}: get the datasets onto this machine and see where they are. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Download the datasets (Fashion-MNIST, MNIST, CIFAR-10) with their published checksums verified, "
                + "and list where each is found.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {DataFetchCommand.class, DataListCommand.class})
final class DataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required, e.g. 'jackpot data fetch fashion-mnist'");
    }
}
