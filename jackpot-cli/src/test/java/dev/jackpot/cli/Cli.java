package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.experiment.SpecCodec;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process with captured output, as picocli's manual recommends for tests. */
final class Cli {

    final int exit;
    final String out;
    final String err;

    private Cli(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = JackpotCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = Main.run(cl, args);
        return new Cli(exit, out.toString(), err.toString());
    }

    /** The single JSON object standard output must hold. */
    JsonNode json() throws Exception {
        String trimmed = out.trim();
        if (trimmed.isEmpty() || trimmed.contains("\n")) {
            throw new AssertionError("expected exactly one line of JSON on stdout, got: " + out);
        }
        JsonNode node = SpecCodec.json().readTree(trimmed);
        if (!node.isObject()) {
            throw new AssertionError("expected a JSON object, got: " + out);
        }
        return node;
    }
}
