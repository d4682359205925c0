package dev.jackpot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jackpot tickets}: inspect, convert, export and evaluate tickets (.npz, .safetensors, lottery runs). */
@Command(name = "tickets", mixinStandardHelpOptions = true,
        description = "Inspect and convert lottery-ticket files (NumPy .npz and safetensors); export and evaluate the tickets of a lottery run.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {TicketsInspectCommand.class, TicketsConvertCommand.class, TicketsExportCommand.class,
                TicketsEvaluateCommand.class})
final class TicketsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required, e.g. 'jackpot tickets inspect FILE'");
    }
}
