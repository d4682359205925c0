package dev.jackpot.nn.train;

import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.FashionMnist;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.data.Subsample;
import dev.jackpot.nn.model.Architecture;
import dev.jackpot.nn.model.InitScheme;
import dev.jackpot.nn.model.Initialiser;
import dev.jackpot.nn.model.Network;
import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Learning on real data: LeNet-300-100 on a Fashion-MNIST subset (skipped when the package is not installed). */
class FashionMnistTrainingTest {

    @Test
    void lenet300LearnsFashionMnistInOneEpoch() throws Exception {
        Optional<Path> dir = FashionMnist.locate();
        assumeTrue(dir.isPresent(), "dataset-fashion-mnist is not installed");
        DataSplit full = FashionMnist.load(dir.get());
        long seed = 11;
        ImageDataset train = full.train().subset(Subsample.balanced(full.train(), 2000, Seeds.stream(seed, "subsample")));
        ImageDataset test = full.test().subset(Subsample.balanced(full.test(), 1000, Seeds.stream(seed, "subsample-test")));
        DataSplit split = DataSplit.of(train, test);
        Network net = Architecture.LENET_300_100.create(new int[] {1, 28, 28}, 10);
        TensorSet init = Initialiser.initialise(net, Seeds.derive(seed, "init"), InitScheme.KAIMING_NORMAL);
        TrainSpec spec = TrainSpec.adam(1.2e-3, 60, 1, Seeds.derive(seed, "data"));
        MaskedTrainer trainer = new MaskedTrainer(Compute.cpu(1), net, split, Normalisation.fit(train), spec);
        TrainResult r = trainer.train(init, TensorSet.of(), TrainListener.NONE);
        assertFalse(r.diverged());
        assertEquals(1, r.epochs().size());
        double acc = r.epochs().get(0).testAccuracy();
        // Chance is 0.10. Frankle and Carbin's LeNet setting (Adam 1.2e-3, batch 60) reaches 0.736 after one epoch
        // over 2000 examples (34 steps); the run is seeded and bit-reproducible, so the bound only moves if the code does.
        assertTrue(acc > 0.70, "test accuracy " + acc);
    }
}
