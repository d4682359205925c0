package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.AtomicFiles;
import dev.jackpot.experiment.SpecCodec;
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

/** {@code jackpot tickets convert IN OUT}: between .npz and .safetensors, bit-identically. */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Convert a ticket between NumPy .npz and safetensors; the formats are chosen by the extensions.",
                "Every tensor, the spec and the metadata carry over bit-identically; the output is written atomically "
                        + "and read back to check."})
final class TicketsConvertCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Parameters(index = "0", paramLabel = "IN", description = "The ticket to read (.npz or .safetensors).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write (.npz or .safetensors).")
    Path out;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TicketFormat from = TicketFormat.of(in);
        TicketFormat to = TicketFormat.of(out);
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("IN and OUT are the same file " + in + "; give a different OUT.");
        }
        Ticket t = TicketFiles.read(in);
        AtomicFiles.write(out, stream -> TicketFiles.write(t, to, stream));
        if (!TicketFiles.read(out).sameAs(t)) {
            throw new IllegalStateException("The converted file " + out + " does not read back identically.");
        }
        PrintWriter pw = commandSpec.commandLine().getOut();
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("in", in.toString());
            o.put("out", out.toString());
            o.put("from", from.name().toLowerCase(Locale.ROOT));
            o.put("to", to.name().toLowerCase(Locale.ROOT));
            o.put("tensors", t.masks().size() + t.initialWeights().size() + t.rewindWeights().size()
                    + t.finalWeights().size());
            o.put("bytes", Files.size(out));
            OutputOptions.printJson(pw, o);
        } else {
            pw.printf("wrote %s (%s, %d bytes) from %s (%s)%n", out, to.name().toLowerCase(Locale.ROOT), Files.size(out),
                    in, from.name().toLowerCase(Locale.ROOT));
            pw.flush();
        }
        return ExitCodes.OK;
    }
}
