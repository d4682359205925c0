package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.nn.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PopupCommandTest {

    @Test
    void impossibleValuesAreUsageErrors() {
        Cli r = Cli.run("popup", "--k", "0");
        assertEquals(ExitCodes.USAGE, r.exit);
        assertTrue(r.err.contains("(0, 1]"), r.err);
        assertEquals(ExitCodes.USAGE, Cli.run("popup", "--model", "resnet-50").exit);
        assertEquals(ExitCodes.USAGE, Cli.run("perturb", "--preset", "huge").exit);
        Cli e = Cli.run("perturb", "--eps", "0.01,0");
        assertEquals(ExitCodes.USAGE, e.exit);
        assertTrue(e.err.contains("ascending"), e.err);
        assertEquals(ExitCodes.USAGE, Cli.run("perturb", "--sparsity", "0,0.5").exit);
        assertTrue(Cli.run("popup", "--help").out.contains("KEPT"));
    }

    @Test
    void perturbWritesItsTwoClaimsToTheLedger(@TempDir Path out) throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        // one edge-popup training has nothing to split; perturb's cells need the Spark engine's jar
        Cli popupSpark = Cli.run("popup", "--engine", "spark", "--master", "local[2]");
        assertEquals(ExitCodes.USAGE, popupSpark.exit);
        assertTrue(popupSpark.err.contains("not available for 'popup'"), popupSpark.err);
        Cli spark = Cli.run("perturb", "--engine", "spark", "--master", "local[2]", "--out", out.toString());
        assertEquals(ExitCodes.FAILURE, spark.exit);
        assertTrue(spark.err.contains("the Spark engine is not on the classpath"), spark.err);
        Cli r = Cli.run("perturb", "--eps", "0,0.01", "--sparsity", "0.5", "--out", out.toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit, r.err);
        JsonNode claims = r.json().get("claims");
        assertEquals(2, claims.size());
        assertEquals("Xiong et al. 2023 (poster table)", claims.get(0).get("source").asText());
        assertEquals(r.json().get("smallEpsBeatsPlainEdgePopup").asBoolean(), claims.get(0).get("reproduced").asBoolean());
        assertEquals(r.json().get("plainEdgePopupBelowSgdOnly").asBoolean(), claims.get(1).get("reproduced").asBoolean());
        assertTrue(Files.isRegularFile(Path.of(r.json().get("runDir").asText()).resolve("claims.json")));
        Cli ledger = Cli.run("claims", "--out", out.toString(), "--json");
        assertEquals(ExitCodes.OK, ledger.exit, ledger.err);
        assertTrue(ledger.out.contains("Plain edge-popup (eps = 0) lies below SGD only"), ledger.out);
    }

    @Test
    void popupRunsEndToEndOnASmallSubsample(@TempDir Path out) throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        Cli r = Cli.run("popup", "--k", "0.3", "--examples", "200", "--epochs", "1", "--out", out.toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit, r.err);
        JsonNode j = r.json();
        assertEquals(Math.round(0.3 * 235200), j.get("keptPerLayer").get("fc1.weight").asLong());
        assertTrue(j.get("testAccuracy").asDouble() > 0.1);
        assertTrue(Files.exists(Path.of(j.get("runDir").asText()).resolve("report.md")));
        assertTrue(Files.exists(Path.of(j.get("runDir").asText()).resolve("manifest.json")));
    }
}
