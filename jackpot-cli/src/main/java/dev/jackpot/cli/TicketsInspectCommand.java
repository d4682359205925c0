package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.prune.Masks;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code jackpot tickets inspect FILE}: tensors, shapes, densities and the masked-zero check. */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List a ticket's tensors with their shapes and per-layer mask density, and check that the final "
                + "weights are exactly zero wherever the mask prunes.",
                "Exit code 1 when the check fails (the report is still printed) or the file is malformed."})
final class TicketsInspectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Parameters(paramLabel = "FILE", description = "A ticket file, .npz or .safetensors.")
    Path file;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TicketFormat format = TicketFormat.of(file);
        Ticket t = TicketFiles.read(file);
        long bytes = Files.size(file);
        TensorSet masks = t.masks();
        long nonZero = t.maskedNonZeroFinal();
        Map<String, Long> perLayerNonZero = new LinkedHashMap<>();
        for (NamedTensor m : masks) {
            perLayerNonZero.put(m.name(), t.finalWeights().size() == 0 ? 0
                    : Masks.maskedNonZero(TensorSet.of(t.finalWeights().get(m.name())), TensorSet.of(m)));
        }
        List<String> others = new ArrayList<>();
        for (String g : List.of("init", "rewind", "final")) {
            for (String n : t.group(g).names()) {
                if (!masks.contains(n) && !others.contains(n)) {
                    others.add(n);
                }
            }
        }
        boolean ok = nonZero == 0;
        PrintWriter out = commandSpec.commandLine().getOut();
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("file", file.toString());
            o.put("format", format.name().toLowerCase(java.util.Locale.ROOT));
            o.put("bytes", bytes);
            o.set("spec", specNode(t.specJson()));
            ObjectNode meta = o.putObject("metadata");
            t.metadata().forEach(meta::put);
            o.put("kept", Masks.kept(masks));
            o.put("size", masks.elementCount());
            o.put("density", Masks.density(masks));
            ArrayNode tensors = o.putArray("masked");
            for (NamedTensor m : masks) {
                ObjectNode n = tensors.addObject();
                n.put("name", m.name());
                shape(n.putArray("shape"), m.shape());
                n.put("kept", Masks.kept(m));
                n.put("size", m.size());
                n.put("density", (double) Masks.kept(m) / m.size());
                groups(n.putArray("groups"), t, m.name());
                n.put("maskedNonZeroFinal", perLayerNonZero.get(m.name()));
            }
            ArrayNode other = o.putArray("unmasked");
            for (String name : others) {
                ObjectNode n = other.addObject();
                n.put("name", name);
                shape(n.putArray("shape"), anyGroup(t, name).shape());
                groups(n.putArray("groups"), t, name);
            }
            o.put("maskedNonZeroFinal", nonZero);
            o.put("maskedFinalZero", ok);
            OutputOptions.printJson(out, o);
            return ok ? ExitCodes.OK : ExitCodes.FAILURE;
        }
        out.printf("file      %s (%s, %d bytes)%n", file, format.name().toLowerCase(java.util.Locale.ROOT), bytes);
        String spec = t.specJson().replaceAll("\\s+", " ");
        out.printf("spec      %s%n", spec.length() > 100 ? spec.substring(0, 100) + "..." : spec);
        if (!t.metadata().isEmpty()) {
            out.printf("metadata  %s%n", t.metadata());
        }
        int width = 6;
        for (NamedTensor m : masks) {
            width = Math.max(width, m.name().length());
        }
        for (String n : others) {
            width = Math.max(width, n.length());
        }
        String row = "%-" + width + "s  %-16s %9s %11s  %-18s %s%n";
        out.printf(row, "tensor", "shape", "density", "kept", "groups", "masked non-zero");
        for (NamedTensor m : masks) {
            out.printf(row, m.name(), Arrays.toString(m.shape()), String.format("%.4f", (double) Masks.kept(m) / m.size()),
                    Masks.kept(m), String.join(",", groupNames(t, m.name())),
                    t.finalWeights().size() == 0 ? "-" : perLayerNonZero.get(m.name()));
        }
        for (String n : others) {
            out.printf(row, n, Arrays.toString(anyGroup(t, n).shape()), "-", "-", String.join(",", groupNames(t, n)), "-");
        }
        out.printf("density   %.6f (%d of %d masked weights kept)%n", Masks.density(masks), Masks.kept(masks),
                masks.elementCount());
        if (t.finalWeights().size() == 0) {
            out.printf("check     no final weights to check%n");
        } else {
            out.printf("check     masked final weights exactly zero: %s%s%n", ok ? "yes" : "NO",
                    ok ? "" : " (" + nonZero + " non-zero entries under the mask)");
        }
        out.flush();
        return ok ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static JsonNode specNode(String spec) {
        try {
            return SpecCodec.json().readTree(spec);
        } catch (Exception e) {
            return SpecCodec.json().getNodeFactory().textNode(spec);
        }
    }

    private static void shape(ArrayNode a, int[] shape) {
        for (int s : shape) {
            a.add(s);
        }
    }

    private static List<String> groupNames(Ticket t, String name) {
        List<String> out = new ArrayList<>();
        for (String g : Ticket.GROUPS) {
            if (t.group(g).contains(name)) {
                out.add(g);
            }
        }
        return out;
    }

    private static void groups(ArrayNode a, Ticket t, String name) {
        groupNames(t, name).forEach(a::add);
    }

    private static NamedTensor anyGroup(Ticket t, String name) {
        for (String g : Ticket.GROUPS) {
            if (t.group(g).contains(name)) {
                return t.group(g).get(name);
            }
        }
        throw new IllegalStateException("no tensor " + name);
    }
}
