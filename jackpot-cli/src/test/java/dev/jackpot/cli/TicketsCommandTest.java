package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import dev.jackpot.ticket.Ticket;
import dev.jackpot.ticket.TicketFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TicketsCommandTest {

    @TempDir
    Path dir;

    static Ticket ticket(boolean leak) {
        NamedTensor m = new NamedTensor("fc1.weight", new int[]{2, 3}, new float[]{1, 0, 1, 0, 0, 1});
        NamedTensor w = new NamedTensor("fc1.weight", new int[]{2, 3}, new float[]{0.5f, leak ? 0.1f : 0f, -1, 0, 0, 2});
        NamedTensor b = new NamedTensor("fc1.bias", new int[]{2}, new float[]{0.1f, 0.2f});
        return new Ticket(TensorSet.of(m), TensorSet.of(w.copy(), b), TensorSet.of(), TensorSet.of(w, b),
                "{\"seed\":3}", Map.of("level", "2"));
    }

    @Test
    void inspectReportsDensityAndTheMaskedZeroCheck() throws Exception {
        Path f = dir.resolve("t.npz");
        TicketFiles.write(ticket(false), f);
        Cli c = Cli.run("tickets", "inspect", f.toString(), "--json");
        assertEquals(0, c.exit, c.err);
        JsonNode j = c.json();
        assertEquals("npz", j.get("format").asText());
        assertEquals(0.5, j.get("density").asDouble());
        assertEquals(3, j.get("masked").get(0).get("kept").asInt());
        assertEquals("[2,3]", j.get("masked").get(0).get("shape").toString());
        assertEquals("fc1.bias", j.get("unmasked").get(0).get("name").asText());
        assertTrue(j.get("maskedFinalZero").asBoolean());
        assertEquals(3, j.get("spec").get("seed").asInt());
        Cli human = Cli.run("tickets", "inspect", f.toString());
        assertEquals(0, human.exit);
        assertTrue(human.out.contains("masked final weights exactly zero: yes"), human.out);

        Path leaky = dir.resolve("leak.safetensors");
        TicketFiles.write(ticket(true), leaky);
        Cli bad = Cli.run("tickets", "inspect", leaky.toString(), "--json");
        assertEquals(1, bad.exit);
        assertFalse(bad.json().get("maskedFinalZero").asBoolean());
        assertEquals(1, bad.json().get("maskedNonZeroFinal").asInt());
    }

    @Test
    void convertRoundTripsBitIdentically() throws Exception {
        Path npz = dir.resolve("t.npz");
        TicketFiles.write(ticket(false), npz);
        Path st = dir.resolve("t.safetensors");
        Cli c = Cli.run("tickets", "convert", npz.toString(), st.toString(), "--json");
        assertEquals(0, c.exit, c.err);
        assertEquals("safetensors", c.json().get("to").asText());
        Path back = dir.resolve("back.npz");
        assertEquals(0, Cli.run("tickets", "convert", st.toString(), back.toString()).exit);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(npz), Files.readAllBytes(back)));
    }

    @Test
    void badFilesAndExtensionsFailClearly() throws Exception {
        Path junk = dir.resolve("junk.npz");
        Files.writeString(junk, "nope");
        Cli c = Cli.run("tickets", "inspect", junk.toString());
        assertEquals(1, c.exit);
        assertTrue(c.err.contains("not a readable .npz"), c.err);
        Cli ext = Cli.run("tickets", "convert", junk.toString(), dir.resolve("x.pt").toString());
        assertEquals(2, ext.exit);
        assertTrue(ext.err.contains(".npz or .safetensors"), ext.err);
        assertEquals(2, Cli.run("tickets").exit);
    }
}
