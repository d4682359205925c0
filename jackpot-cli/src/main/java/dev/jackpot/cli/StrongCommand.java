package dev.jackpot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jackpot strong}: strong-lottery-ticket experiments on plain Java arrays. */
@Command(name = "strong", mixinStandardHelpOptions = true,
        description = "Strong-lottery-ticket experiments: Lueker's random subset sum (lueker), the width of the "
                + "Pensia and Malach constructions against the error (widths), and Malach et al.'s neuron pruning as "
                + "random features (neurons), and Pensia et al.'s experiment 1 on a trained Fashion-MNIST MLP (pensia-exp1).",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {StrongLuekerCommand.class, StrongWidthsCommand.class, StrongNeuronsCommand.class,
                StrongPensiaExp1Command.class})
final class StrongCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required, e.g. 'jackpot strong lueker'");
    }
}
