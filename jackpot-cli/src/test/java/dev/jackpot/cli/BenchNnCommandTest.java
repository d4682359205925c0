package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.nn.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        // fractions are of the GEMM rate measured in the same run, unless a nominal peak is given
        double reference = o.get("peakGflops").asDouble();
        assertTrue(reference > 0 && o.get("peakSource").asText().contains("GEMM"), o.toString());
        assertEquals(dense.get("denseGflops").asDouble() / reference, dense.get("denseFractionOfPeak").asDouble(), 1e-12);
        Cli nominal = Cli.run("bench", "nn", "--examples", "256", "--threads", "1", "--arch", "lenet-300-100", "--density", "1",
                "--peak-gflops", "50", "--json");
        assertEquals(ExitCodes.OK, nominal.exit, nominal.err);
        assertEquals(50.0, nominal.json().get("peakGflops").asDouble());
        assertTrue(nominal.json().get("peakSource").asText().startsWith("nominal"));
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "nn", "--peak-gflops", "-1").exit);
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "nn", "--density", "0").exit);
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "nn", "--density", "0.5,1.5").exit);
        assertEquals(ExitCodes.USAGE, Cli.run("bench", "nn", "--arch", "vgg-99").exit);
    }

    @Test
    void thePeerRunsWithItsLibrariesPinnedToTheThreadCount(@TempDir Path dir) throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        // a stand-in interpreter: answers as the peer script does, but only if every BLAS/OpenMP count is pinned
        Path fake = dir.resolve("python");
        Files.writeString(fake, """
                #!/bin/sh
                if [ "$OPENBLAS_NUM_THREADS" != "$2" ] || [ "$OMP_NUM_THREADS" != "$2" ] || [ "$MKL_NUM_THREADS" != "$2" ]; then
                  echo "threads not pinned"; exit 3
                fi
                [ -f "$1" ] && [ -d "$7" ] || { echo "no script or data"; exit 4; }
                [ "$8" = "0.05" ] || { echo "not the benchmark's learning rate: $8"; exit 5; }
                echo "peer $3 torch 9.9 threads $2 batch $4 examples $5: epochs 0.300 0.200 s; median 0.200 s; params 266610; gemm 3.5 GF/s"
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Cli c = Cli.run("bench", "nn", "--examples", "256", "--threads", "1", "--arch", "lenet-300-100", "--density", "1",
                "--peer", fake.toString(), "--json");
        assertEquals(ExitCodes.OK, c.exit, c.err);
        JsonNode peer = c.json().get("peer").get("rows").get(0);
        assertEquals("lenet-300-100", peer.get("architecture").asText());
        assertEquals(0.2, peer.get("beforeEpochSeconds").asDouble());
        assertEquals(0.2, peer.get("afterEpochSeconds").asDouble());
        assertEquals("9.9", peer.get("torch").asText());
        double dense = c.json().get("rows").get(0).get("denseEpochSeconds").asDouble();
        assertEquals(dense / 0.2, peer.get("jackpotDenseOverPeer").asDouble(), 1e-9);
        // 784*300 + 300 + 300*100 + 100 + 100*10 + 10: the peer's count is checked against Jackpot's network
        assertEquals(266610, peer.get("jackpotParameters").asLong());
        assertEquals(266610, peer.get("peerParameters").asLong());
        // the stand-in's BLAS is as slow as the reference BLAS: the benchmark says its epochs are no fair baseline
        assertEquals(3.5, peer.get("peerGemmGflops").asDouble());
        assertTrue(peer.get("peerBlasSlow").asBoolean());
        Cli text = Cli.run("bench", "nn", "--examples", "256", "--threads", "1", "--arch", "lenet-300-100", "--density", "1",
                "--peer", fake.toString(), "--peak-gflops", "20");
        assertEquals(ExitCodes.OK, text.exit, text.err);
        assertTrue(text.out.contains("the peer's fp32 GEMM 1024^3: 3.5 GFLOP/s (18% of the reference)"), text.out);
        assertTrue(text.out.contains("WARNING: its BLAS multiplies at under half the reference rate"), text.out);
        Cli fast = Cli.run("bench", "nn", "--examples", "256", "--threads", "1", "--arch", "lenet-300-100", "--density", "1",
                "--peer", fake.toString(), "--peak-gflops", "6", "--json");
        assertFalse(fast.json().get("peer").get("rows").get(0).get("peerBlasSlow").asBoolean(), "3.5 of 6 GFLOP/s is not slow");

        // an interpreter that cannot start is reported, and the benchmark still prints its own table
        Cli missing = Cli.run("bench", "nn", "--examples", "256", "--threads", "1", "--arch", "lenet-300-100", "--density",
                "1", "--peer", dir.resolve("no-such-python").toString());
        assertEquals(ExitCodes.OK, missing.exit, missing.err);
        assertTrue(missing.out.contains("not run: cannot start"), missing.out);
        assertTrue(missing.out.contains("lenet-300-100     1.000"), missing.out);
    }
}
