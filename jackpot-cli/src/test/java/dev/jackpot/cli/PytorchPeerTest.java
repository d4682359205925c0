package dev.jackpot.cli;

import dev.jackpot.nn.bench.NnBench;
import dev.jackpot.nn.data.FashionMnist;
import dev.jackpot.nn.model.Architecture;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bundled peer script against a real PyTorch, where one is installed (Debian's python3-torch). */
class PytorchPeerTest {

    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void everyNetworkOfThePeerHasJackpotsParameterCountAndTrains() throws Exception {
        assumeTrue(torchInstalled(), PYTHON + " with torch is not installed");
        Path data = FashionMnist.locate().orElse(null);
        assumeTrue(data != null, "Fashion-MNIST is not installed");
        for (Architecture a : Architecture.values()) {
            assertTrue(PytorchPeer.supports(a), a.id());
            PytorchPeer.Outcome o = PytorchPeer.run(PYTHON, a, 1, 32, 64, 1, data, 600);
            assertTrue(o.ran(), a.id() + ": " + o.line());
            assertTrue(o.seconds() > 0, o.line());
            assertEquals(NnBench.network(a).trainableCount(), o.parameters(), a.id() + ": " + o.line());
            assertTrue(o.gemmGflops() > 0, "the peer reports its product rate: " + o.line());
        }
    }

    private static boolean torchInstalled() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
