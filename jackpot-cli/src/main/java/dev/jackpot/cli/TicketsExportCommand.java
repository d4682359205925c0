package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.AtomicFiles;
import dev.jackpot.experiment.FileLevelStore;
import dev.jackpot.experiment.LevelLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.prune.BranchResult;
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

    @Parameters(index = "0", paramLabel = "RUNDIR", description = "The run directory, e.g. runs/lottery-<hash>.")
    Path runDir;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write.")
    Path out;

    @Option(names = "--replicate", paramLabel = "R", defaultValue = "0", description = "Replicate (default ${DEFAULT-VALUE}).")
    int replicate;

    @Option(names = "--level", paramLabel = "L", description = "Level (default: the last finished one).")
    Integer level;

    @Option(names = "--branch", paramLabel = "NAME", defaultValue = "ticket",
            description = "ticket (the IMP ticket), random-reinit, random-prune-layerwise or random-prune-global "
                    + "(default ${DEFAULT-VALUE}).")
    String branch;

    @Option(names = "--format", paramLabel = "FMT", description = "npz or safetensors (default: from OUT's extension).")
    String format;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (replicate < 0) {
            throw new IllegalArgumentException("--replicate must be non-negative, got " + replicate + ".");
        }
        Path repDir = runDir.resolve("rep-" + replicate);
        if (!Files.isDirectory(repDir)) {
            throw new IllegalArgumentException("No replicate " + replicate + " in " + runDir + " (no directory " + repDir
                    + "); is it a 'jackpot lottery' run directory?");
        }
        FileLevelStore store = new FileLevelStore(new LevelLayout(repDir), "");
        int finished = store.finishedLevels();
        if (finished == 0) {
            throw new IllegalArgumentException("Replicate " + replicate + " in " + runDir + " has no finished level.");
        }
        int l = level == null ? finished - 1 : level;
        if (l < 0 || l >= finished) {
            throw new IllegalArgumentException("--level must be in [0, " + (finished - 1) + "] (the finished levels of "
                    + "replicate " + replicate + "), got " + l + ".");
        }
        String name = branch.equals("ticket") ? BranchResult.MAIN : branch;
        if (!Files.isDirectory(new LevelLayout(repDir).branch(l, name))) {
            throw new IllegalArgumentException("Level " + l + " of replicate " + replicate + " has no branch '" + branch
                    + "'.");
        }
        TicketFormat fmt = format == null ? TicketFormat.of(out) : switch (format.toLowerCase(Locale.ROOT)) {
            case "npz" -> TicketFormat.NPZ;
            case "safetensors" -> TicketFormat.SAFETENSORS;
            default -> throw new IllegalArgumentException("--format must be npz or safetensors, got '" + format + "'.");
        };
        Ticket t = store.ticket(l, name);
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
            o.put("replicate", replicate);
            o.put("level", l);
            o.put("branch", branch);
            o.put("density", density);
            o.put("bytes", Files.size(out));
            OutputOptions.printJson(pw, o);
        } else {
            pw.printf(Locale.ROOT, "wrote %s (%s, level %d, %s, density %.2f%%, %d bytes)%n", out,
                    fmt.name().toLowerCase(Locale.ROOT), l, branch, 100 * density, Files.size(out));
            pw.flush();
        }
        return ExitCodes.OK;
    }
}
