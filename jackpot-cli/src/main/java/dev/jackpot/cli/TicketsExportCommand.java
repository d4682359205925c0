package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.AtomicFiles;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.prune.Masks;
import dev.jackpot.ticket.Ticket;
import dev.jackpot.ticket.TicketFiles;
import dev.jackpot.ticket.TicketFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code jackpot tickets export RUNDIR OUT}: one branch of one level of a lottery run as a standalone ticket. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a ticket of a 'jackpot lottery' run: masks, initial weights (theta_0), the weights the "
                + "branch started from (rewind) and its final weights, with the spec, as .npz or .safetensors.",
                "The file is written atomically and read back to check it."})
final class TicketsExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @CommandLine.Mixin
    LotteryBranchRef ref;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write.")
    Path out;

    @Option(names = "--format", paramLabel = "FMT", description = "npz or safetensors (default: from OUT's extension).")
    String format;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LotteryBranchRef.Resolved r = ref.resolve();
        TicketFormat fmt = format == null ? TicketFormat.of(out) : switch (format.toLowerCase(Locale.ROOT)) {
            case "npz" -> TicketFormat.NPZ;
            case "safetensors" -> TicketFormat.SAFETENSORS;
            default -> throw new IllegalArgumentException("--format must be npz or safetensors, got '" + format + "'.");
        };
        Ticket t = r.store().ticket(r.level(), r.branch());
        AtomicFiles.write(out, stream -> TicketFiles.write(t, fmt, stream));
        if (!TicketFiles.read(out).sameAs(t)) {
            throw new IllegalStateException("The exported file " + out + " does not read back identically.");
        }
        double density = Masks.density(t.masks());
        PrintWriter pw = commandSpec.commandLine().getOut();
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("out", out.toString());
            o.put("format", fmt.name().toLowerCase(Locale.ROOT));
            o.put("replicate", ref.replicate);
            o.put("level", r.level());
            o.put("branch", ref.branch);
            o.put("density", density);
            o.put("bytes", Files.size(out));
            OutputOptions.printJson(pw, o);
        } else {
            pw.printf(Locale.ROOT, "wrote %s (%s, level %d, %s, density %.2f%%, %d bytes)%n", out,
                    fmt.name().toLowerCase(Locale.ROOT), r.level(), ref.branch, 100 * density, Files.size(out));
            pw.flush();
        }
        return ExitCodes.OK;
    }
}
