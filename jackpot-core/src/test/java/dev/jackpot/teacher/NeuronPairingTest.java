package dev.jackpot.teacher;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NeuronPairingTest {

    private static final int N = 131;
    private static final int D = 24;

    @Test
    void pairedPreactivationsAreBitIdenticalToOneNeuronAtATime() {
        Rng rng = Seeds.stream(11, "pairing");
        double[][] rows = new double[D][N];
        for (double[] row : rows) {
            rng.fillGaussian(row);
        }
        // Neurons 0 and 1 nearly share their support (paired); 2 and 3 barely overlap (alone); 4 is odd.
        int[][] supports = {
                {0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 12, 13, 20},
                {0, 1, 2, 4, 5, 6, 7, 8, 9, 11, 12, 13, 21, 23},
                {0, 1, 2, 3},
                {10, 11, 12, 13, 14},
                {3, 4, 5}};
        NeuronPairing pairing = new NeuronPairing(supports);
        assertEquals(1, pairing.pairs());
        double[][] w = new double[supports.length][D];
        for (double[] row : w) {
            // Off-support entries are nonzero on purpose: the kernels must never read them.
            for (int i = 0; i < D; i++) {
                row[i] = rng.nextGaussian();
            }
        }
        int[][] ranges = {{0, N}, {7, 100}, {130, 131}};
        for (int[] range : ranges) {
            double[][] z = new double[supports.length][N];
            pairing.preactivations(w, supports, rows, range[0], range[1], z, NeuronParallel.sequential());
            for (int j = 0; j < supports.length; j++) {
                double[] expected = new double[N];
                Forward.preactivation(w[j], supports[j], rows, range[0], range[1], expected);
                assertArrayEquals(expected, z[j], "neuron " + j + ", samples [" + range[0] + ", " + range[1] + ")");
            }
        }
    }

    @Test
    void identicalSupportsPairAndDisjointOnesDoNot() {
        assertEquals(2, new NeuronPairing(new int[][]{{1, 2, 3}, {1, 2, 3}, {0, 4}, {0, 4}}).pairs());
        assertEquals(0, new NeuronPairing(new int[][]{{1, 2, 3}, {4, 5, 6}, {}, {}}).pairs());
        assertEquals(0, new NeuronPairing(new int[][]{{1, 2, 3}}).pairs());
    }
}
