package dev.jackpot.nn.bench;

import dev.jackpot.nn.model.Architecture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NnBenchTest {

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
