package dev.jackpot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jackpot teacher}: the pruned teacher-student model of Zhang et al. (NeurIPS 2021). */
@Command(name = "teacher", mixinStandardHelpOptions = true,
        description = "Learn a pruned one-hidden-layer teacher from its samples (Zhang et al., NeurIPS 2021).",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {TeacherTrainCommand.class})
final class TeacherCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required, e.g. 'jackpot teacher train'");
    }
}
