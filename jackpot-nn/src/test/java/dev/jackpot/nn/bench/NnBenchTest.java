package dev.jackpot.nn.bench;

import dev.jackpot.nn.Compute;
import dev.jackpot.nn.model.Architecture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NnBenchTest {

    @Test
    void theReferenceGemmRateIsAFiniteRateAndItsArgumentsAreChecked() {
        double rate = NnBench.gemmGflops(Compute.cpu(1), 128, 3);
        assertTrue(rate > 0 && Double.isFinite(rate), "rate " + rate);
        assertThrows(IllegalArgumentException.class, () -> NnBench.gemmGflops(Compute.cpu(1), 32, 3));
        assertThrows(IllegalArgumentException.class, () -> NnBench.gemmGflops(Compute.cpu(1), 128, 0));
    }

    @Test
    void everyNetworkHasALearningRateAndTheLeNetsKeepTheTablesOne() {
        for (Architecture a : Architecture.values()) {
            double lr = NnBench.learningRate(a);
            assertTrue(lr > 0 && lr <= 0.05, a + ": " + lr);
        }
        assertEquals(0.05, NnBench.learningRate(Architecture.LENET_300_100));
        assertEquals(0.05, NnBench.learningRate(Architecture.LENET_5));
        assertEquals(0.01, NnBench.learningRate(Architecture.CONV_6));
    }
}
