package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.report.Claim;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** How the study commands (sanity, stability) print: one JSON object, or a line and one line per claim. */
final class StudyOutput {

    private StudyOutput() {
    }

    /**
     * @param out      standard output
     * @param json     print JSON
     * @param layout   the study's directory
     * @param cells    cells in the study
     * @param computed cells computed by this call
     * @param claims   its claims
     * @param extra    adds command-specific fields to the JSON object
     */
    static void print(PrintWriter out, boolean json, RunLayout layout, int cells, int computed, List<Claim> claims,
                      Consumer<ObjectNode> extra) {
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("runId", layout.id().toString());
            o.put("runDir", layout.dir().toString());
            o.put("report", layout.dir().resolve("report.html").toString());
            o.put("cellsComputed", computed);
            extra.accept(o);
            ArrayNode cs = o.putArray("claims");
            claims.forEach(c -> cs.add(c.toJson()));
            OutputOptions.printJson(out, o);
            return;
        }
        out.printf(Locale.ROOT, "%d cells (%d computed now); report %s%n", cells, computed,
                layout.dir().resolve("report.html"));
        for (Claim c : claims) {
            out.printf("[%s] %s: %s%n", c.status().label(), c.claim(), c.detail());
        }
        out.flush();
    }
}
