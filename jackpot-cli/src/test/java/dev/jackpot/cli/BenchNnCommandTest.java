package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchNnCommandTest {

    @Test
    void benchNnPrintsMaskedAndDenseEpochTimes() throws Exception {
        Cli c = Cli.run("bench", "nn", "--examples", "256", "--threads", "1", "--arch", "lenet-300-100", "--density", "1,0.1", "--json");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode o = c.json();
        JsonNode rows = o.get("rows");
        assertEquals(2, rows.size());
        JsonNode dense = rows.get(0);
        JsonNode sparse = rows.get(1);
        assertEquals("lenet-300-100", dense.get("architecture").asText());
        assertEquals(256, dense.get("examples").asInt());
        assertEquals(1.0, dense.get("density").asDouble());
        assertEquals(0.1, sparse.get("density").asDouble());
        assertTrue(dense.get("denseEpochSeconds").asDouble() > 0 && sparse.get("sparseEpochSeconds").asDouble() > 0);
        assertTrue(sparse.get("denseOverSparse").asDouble() > 0);
        // the unmasked row's baseline is its own dense epoch: 1 unless the sparse engine timed faster there (load)
        double denseS = dense.get("denseEpochSeconds").asDouble();
        double best = dense.has("sparseEpochSeconds") ? Math.min(denseS, dense.get("sparseEpochSeconds").asDouble())
                : denseS;
        assertEquals(denseS / best, dense.get("speedupOverUnmasked").asDouble(), 1e-9);
        // executed arithmetic: the sparse engine at 10% runs about a tenth of the dense products
        double ratio = sparse.get("sparseGflops").asDouble() * sparse.get("sparseEpochSeconds").asDouble()
                / (dense.get("denseGflops").asDouble() * dense.get("denseEpochSeconds").asDouble());
        assertEquals(0.1, ratio, 0.02);
        assertTrue(o.get("data").asText().startsWith("fashion-mnist") || o.get("data").asText().startsWith("synthetic"));
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "nn", "--density", "0").exit);
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "nn", "--density", "0.5,1.5").exit);
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "nn", "--arch", "vgg-99").exit);
    }
}
