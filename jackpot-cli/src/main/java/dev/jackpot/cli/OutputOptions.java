package dev.jackpot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Options shared by every command that produces a result: {@code --json} and {@code --out}.
 * With {@code --json} the command prints exactly one JSON object on standard output; progress and
 * logs always go to standard error.
 */
public final class OutputOptions {

    @Option(names = "--json", description = "Print exactly one JSON object on standard output (progress goes to standard error).")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory holding runs (default: ${DEFAULT-VALUE} under the working directory).",
            defaultValue = RunLayout.DEFAULT_ROOT)
    Path out;

    /**
     * Prints {@code object} as one line of JSON.
     *
     * @param out    standard output
     * @param object the result
     */
    static void printJson(PrintWriter out, JsonNode object) {
        try {
            out.println(SpecCodec.json().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(object));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the result", e);
        }
    }
}
