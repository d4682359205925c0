package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.report.ClaimsLedger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code jackpot claims}: every checked claim of every run under --out, in one table and one HTML page. */
@Command(name = "claims", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The claims ledger: every claim checked by every run under --out (reproduce, lottery, sanity, "
                + "stability, strong, construct, ...), with its source, status (reproduced, NOT reproduced, "
                + "inconclusive, not tested), statistic, value, detail and run. Writes OUT/claims.html (or --html FILE),"
                + " a self-contained page linking each run's report. Reads the runs' claims.json; computes nothing."})
final class ClaimsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Mixin
    OutputOptions output;

    @Option(names = "--html", paramLabel = "FILE", description = "Where to write the page (default: OUT/claims.html).")
    Path html;

    @Option(names = "--status", paramLabel = "LABEL", description = "Only claims with this status, e.g. 'NOT reproduced'.")
    String status;

    @Option(names = "--markdown", description = "Print the ledger as a Markdown table (status, source, claim, "
            + "statistic = value, run), e.g. for a README.")
    boolean markdown;

    @Override
    public Integer call() throws Exception {
        List<ClaimsLedger.Row> rows = ClaimsLedger.scan(output.out);
        if (status != null) {
            rows = rows.stream().filter(r -> r.status().equalsIgnoreCase(status)).toList();
        }
        Path page = html != null ? html : output.out.resolve("claims.html");
        if (!rows.isEmpty() || html != null) {
            ClaimsLedger.writeHtml(rows, page, output.out);
        }
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("root", output.out.toString());
            o.put("html", rows.isEmpty() && html == null ? null : page.toString());
            ObjectNode counts = o.putObject("counts");
            ClaimsLedger.counts(rows).forEach(counts::put);
            ArrayNode a = o.putArray("claims");
            for (ClaimsLedger.Row r : rows) {
                ObjectNode c = r.claim().deepCopy();
                c.put("runId", r.runId()).put("kind", r.kind()).put("runDir", r.dir().toString());
                a.add(c);
            }
            OutputOptions.printJson(out, o);
            return ExitCodes.OK;
        }
        if (rows.isEmpty()) {
            out.printf("%s: no checked claims (runs write claims.json with their reports)%n", output.out);
            out.flush();
            return ExitCodes.OK;
        }
        if (markdown) {
            out.print(ClaimsLedger.markdown(rows));
            out.flush();
            return ExitCodes.OK;
        }
        for (ClaimsLedger.Row r : rows) {
            String text = r.claim().path("claim").asText();
            out.printf(Locale.ROOT, "%-15s %-22s %-80s %s%n", r.status(), r.claim().path("source").asText(),
                    text.length() > 80 ? text.substring(0, 77) + "..." : text, r.runId());
        }
        StringBuilder sum = new StringBuilder();
        ClaimsLedger.counts(rows).forEach((k, v) -> sum.append(v).append(' ').append(k).append(", "));
        out.printf("%s%d claims; %s%n", sum, rows.size(), page);
        out.flush();
        return ExitCodes.OK;
    }
}
