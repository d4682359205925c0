package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.run.Resources;
import dev.jackpot.run.RunCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jackpot runs}: the runs under --out and whether each completed. */
@Command(name = "runs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the runs under --out: id, kind, state, when its last computing invocation started, and "
                + "size. States: complete; running (a process holds its lock); interrupted (stopped with work left); "
                + "failed (some trials failed); incomplete (stopped before its end: killed, crashed, out of disk). "
                + "Running an interrupted, failed or incomplete run's command again resumes it.",
                "--clean-incomplete deletes the interrupted, failed and incomplete ones (never a complete or running "
                        + "one) and lists what it deleted."})
final class RunsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Mixin
    OutputOptions output;

    @Option(names = "--clean-incomplete", description = "Delete the runs that did not complete and are not running.")
    boolean clean;

    @Override
    public Integer call() throws Exception {
        List<RunCatalog.Entry> runs = clean ? RunCatalog.cleanIncomplete(output.out) : RunCatalog.scan(output.out);
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("root", output.out.toString());
            o.put(clean ? "deleted" : "listed", runs.size());
            ArrayNode array = o.putArray("runs");
            for (RunCatalog.Entry e : runs) {
                array.addObject().put("id", e.id()).put("kind", e.kind()).put("state", e.state().label())
                        .put("started", e.started()).put("bytes", e.bytes()).put("dir", e.dir().toString());
            }
            OutputOptions.printJson(out, o);
            return ExitCodes.OK;
        }
        if (runs.isEmpty()) {
            out.printf("%s: %s%n", output.out, clean ? "nothing to delete" : "no runs");
        } else {
            out.printf("%-44s %-20s %-11s %-30s %9s%n", clean ? "deleted" : "id", "kind", "state", "started", "size");
            for (RunCatalog.Entry e : runs) {
                out.printf("%-44s %-20s %-11s %-30s %9s%n", e.id(), e.kind(), e.state().label(), e.started(),
                        Resources.format(e.bytes()));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
