package dev.jackpot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --engine} and {@code --master} of the commands that run only in this JVM so far: accepted so
 * that every experiment command takes the same options, and {@code --engine spark} refused with the reason
 * and what to do instead.
 */
final class LocalEngineOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "Where it runs: local only for this command "
            + "(spark is refused with the reason) (default ${DEFAULT-VALUE}).", defaultValue = "local")
    SweepingCommand.Engine engine;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master; not used by this command.")
    String master;

    /**
     * @param why what is missing for this command to run on Spark, a clause
     * @throws CommandLine.ParameterException if --engine spark or --master is given
     */
    void requireLocal(String why) {
        if (engine == SweepingCommand.Engine.SPARK || master != null) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--engine spark is not available for '"
                    + mixee.qualifiedName().replaceFirst("^jackpot ", "") + "': " + why + ". Run it with --engine local "
                    + "(the default), one process per machine for independent specs.");
        }
    }
}
