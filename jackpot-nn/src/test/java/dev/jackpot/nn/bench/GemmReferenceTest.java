package dev.jackpot.nn.bench;

import ai.djl.ndarray.types.DataType;
import dev.jackpot.nn.Compute;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GemmReferenceTest {

    @Test
    void bothPrecisionsGiveAFiniteRateAndTheArgumentsAreChecked() {
        for (DataType t : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            double rate = GemmReference.gflops(Compute.cpu(1), t, 128, 3);
            assertTrue(rate > 0 && Double.isFinite(rate), t + ": " + rate);
        }
        assertThrows(IllegalArgumentException.class, () -> GemmReference.gflops(Compute.cpu(1), DataType.INT32, 128, 3));
        assertThrows(IllegalArgumentException.class, () -> GemmReference.gflops(Compute.cpu(1), DataType.FLOAT32, 32, 3));
        assertThrows(IllegalArgumentException.class, () -> GemmReference.gflops(Compute.cpu(1), DataType.FLOAT32, 128, 0));
    }
}
