package dev.jackpot.nn.train;

import dev.jackpot.nn.Compute;
import dev.jackpot.nn.Synthetic;
import dev.jackpot.nn.bench.NnBench;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.InitScheme;
import dev.jackpot.nn.model.Initialiser;
import dev.jackpot.nn.model.Mlp;
import dev.jackpot.nn.model.Network;
import dev.jackpot.rng.Seeds;
import dev.jackpot.sparse.NativeKernels;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Training on the sparse engine gives the same bits with its products in Java (one array per feature row) and in
 * C (one flat array), on one thread and on two. Skipped where the C kernels cannot be built.
 */
class SparseCKernelsTest {

    @Test
    void trainingOnTheCKernelsGivesTheJavaKernelsBits(@TempDir Path dir) throws Exception {
        Path src = Path.of("../jackpot-core/src/main/native/sparse_kernels.c").toAbsolutePath();
        // jackpot-core's NativeKernelsTest, which runs first in a whole build, leaves its build of this source there
        Path built = Path.of("../jackpot-core/target/test-native").resolve(NativeKernels.LIBRARY).toAbsolutePath();
        boolean fresh = Files.isRegularFile(built)
                && Files.getLastModifiedTime(built).compareTo(Files.getLastModifiedTime(src)) > 0;
        Path so = fresh ? built : dir.resolve(NativeKernels.LIBRARY);
        String failed = fresh ? null : NativeKernels.build(src, so);
        assumeTrue(failed == null || !failed.startsWith(NativeKernels.COMPILER_FAILED),
                "no C compiler or JNI headers here: " + failed);
        assertNull(failed, "the C kernels do not compile");
        assertTrue(NativeKernels.load(so), NativeKernels.describe());

        Network lenet = new Mlp("lenet", new int[] {1, 28, 28}, new int[] {300, 100}, 10);
        ImageDataset train = Synthetic.images("big", 300, 1, 28, 28, 10, 3, 1);
        DataSplit data = DataSplit.of(train, Synthetic.images("bigtest", 70, 1, 28, 28, 10, 3, 2));
        Normalisation norm = Normalisation.fit(train);
        TensorSet w = Initialiser.initialise(lenet, Seeds.derive(2, "init"), InitScheme.KAIMING_NORMAL);
        TensorSet m = NnBench.randomMask(lenet, 0.1, Seeds.stream(2, "mask"));
        // batches of 128, 128 and 44: the C's full vectors, and a remainder of two vectors and 12 lanes
        TrainSpec spec = TrainSpec.sgd(0.05, 128, 2, 3).withMomentum(0.9, false);
        TrainResult java;
        TrainResult c;
        TrainResult cTwo;
        try {
            NativeKernels.setEnabled(false);
            java = new MaskedTrainer(Compute.cpu(1).withSparseBelow(1), lenet, data, norm, spec).train(w, m, TrainListener.NONE);
            NativeKernels.setEnabled(true);
            c = new MaskedTrainer(Compute.cpu(1).withSparseBelow(1), lenet, data, norm, spec).train(w, m, TrainListener.NONE);
            cTwo = new MaskedTrainer(Compute.cpu(2).withSparseBelow(1), lenet, data, norm, spec).train(w, m, TrainListener.NONE);
        } finally {
            NativeKernels.setEnabled(true);
            Compute.cpu(1); // libtorch's thread count is process-wide: restore the other tests' setting
        }
        assertEquals(TrainResult.SPARSE, c.engine());
        for (NamedTensor t : java.weights()) {
            assertArrayEquals(t.values(), c.weights().get(t.name()).values(), t.name());
            assertArrayEquals(t.values(), cTwo.weights().get(t.name()).values(), t.name() + ", two threads");
        }
        for (TrainResult r : new TrainResult[] {c, cTwo}) {
            EpochMetrics a = java.last().orElseThrow();
            EpochMetrics b = r.last().orElseThrow();
            assertEquals(a.trainLoss(), b.trainLoss());
            assertEquals(a.testLoss(), b.testLoss());
            assertEquals(a.testAccuracy(), b.testAccuracy());
        }
    }
}
