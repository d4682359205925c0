package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.data.DataHome;
import dev.jackpot.nn.data.fetch.DatasetSource;
import dev.jackpot.run.Resources;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code jackpot data list}: where each dataset is found, or the command that fetches it. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List each dataset, the directory every command would read it from, or the one command that "
                + "fetches it.")
final class DataListCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--dir", paramLabel = "ROOT", description = "Data root to look in (default: " + DataHome.ENV
            + ", else ~/.jackpot/data).")
    Path dir;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Override
    public Integer call() {
        DataHome home = dir == null ? DataHome.system() : DataHome.system().withRoot(dir);
        PrintWriter out = commandSpec.commandLine().getOut();
        ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("root", home.root().toString());
        ArrayNode a = o.putArray("datasets");
        if (!json) {
            out.printf("data root: %s%n", home.root());
        }
        for (String name : DataHome.DATASETS) {
            Optional<Path> found = home.locate(name);
            long download = DatasetSource.of(name).downloadBytes();
            a.addObject().put("dataset", name).put("found", found.map(Path::toString).orElse(null))
                    .put("downloadBytes", download);
            if (!json) {
                out.printf("  %-14s %s%n", name, found.map(Path::toString)
                        .orElse("not found: './jackpot data fetch " + name + "' (" + Resources.format(download) + ")"));
            }
        }
        if (json) {
            OutputOptions.printJson(out, o);
        } else {
            out.flush();
        }
        return ExitCodes.OK;
    }
}
