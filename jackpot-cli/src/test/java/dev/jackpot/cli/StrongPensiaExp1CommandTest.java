package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code jackpot strong pensia-exp1} on a tiny subsample: 300 images, hidden width 20, eps 0.05 (n = 12). */
class StrongPensiaExp1CommandTest {

    @Test
    void tinyRunWritesItsRunDirectoryAndJson(@TempDir Path out) throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        Cli c = Cli.run("strong", "pensia-exp1", "--eps", "0.05", "--hidden", "20", "--epochs", "1",
                "--train-size", "300", "--test-size", "200", "--approx-threads", "2", "--json", "--quiet",
                "--out", out.toString());
        assertEquals(0, c.exit, c.err);
        JsonNode o = c.json();
        assertEquals(12, o.get("n").asInt());
        assertEquals(784 * 20 + 20 * 10, o.get("targetWeights").asLong());
        assertEquals(12L * o.get("targetWeights").asLong(), o.get("candidates").asLong());
        assertEquals(12L * 30, o.get("distinctCandidates").asLong());
        assertEquals(200, o.get("testExamples").asInt());
        double maxError = o.get("maxError").asDouble();
        assertTrue(maxError >= o.get("meanError").asDouble() && maxError < 0.2, c.out);
        assertEquals(o.get("failures").asLong() == 0, o.get("claims").get(1).get("reproduced").asBoolean());
        assertEquals(o.get("kept").asDouble() / o.get("targetWeights").asDouble(), o.get("keptRatio").asDouble(), 1e-12);
        assertTrue(o.get("targetAccuracy").asDouble() > 0.3, c.out);
        assertEquals(100 * (o.get("approxAccuracy").asDouble() - o.get("targetAccuracy").asDouble()),
                o.get("differencePoints").asDouble(), 1e-9);
        Path dir = Path.of(o.get("runDir").asText());
        assertTrue(dir.getFileName().toString().startsWith("strong-pensia-exp1-"));
        for (String f : new String[] {"spec.yaml", "manifest.json", "result.json", "report.md", "report.html",
                "plots/subset-sizes.png"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        JsonNode stored = SpecCodec.json().readTree(dir.resolve("result.json").toFile());
        assertEquals(o.get("kept"), stored.get("kept"));
        assertTrue(Files.readString(dir.resolve("report.md")).contains("Approximated accuracy equals target accuracy"));
    }

    @Test
    void impossibleValuesAreUsageErrors() {
        assertEquals(2, Cli.run("strong", "pensia-exp1", "--eps", "0").exit);
        assertEquals(2, Cli.run("strong", "pensia-exp1", "--eps", "1e-5").exit);
        assertEquals(2, Cli.run("strong", "pensia-exp1", "--hidden", "0").exit);
        assertEquals(2, Cli.run("strong", "pensia-exp1", "--train-size", "-1").exit);
    }
}
