package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchNnCommandTest {

    @Test
    void benchNnPrintsMaskedAndDenseEpochTimes() throws Exception {
        Cli c = Cli.run("bench", "nn", "--examples", "256", "--threads", "1", "--arch", "lenet-300-100", "--json");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode o = c.json();
        JsonNode net = o.get("networks").get(0);
        assertEquals("lenet-300-100", net.get("architecture").asText());
        assertEquals(256, net.get("examples").asInt());
        assertTrue(net.get("denseEpochSeconds").asDouble() > 0 && net.get("maskedEpochSeconds").asDouble() > 0);
        assertTrue(net.get("maskedOverDense").asDouble() > 0);
        assertTrue(o.get("data").asText().startsWith("fashion-mnist") || o.get("data").asText().startsWith("synthetic"));
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "nn", "--density", "0").exit);
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "nn", "--arch", "vgg-99").exit);
    }
}
