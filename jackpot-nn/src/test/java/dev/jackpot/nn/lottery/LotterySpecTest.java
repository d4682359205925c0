package dev.jackpot.nn.lottery;

import dev.jackpot.experiment.SpecException;
import dev.jackpot.nn.data.Augmentation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validation, presets, YAML merging and the pinned run id of {@link LotterySpec}. */
class LotterySpecTest {

    @Test
    void presetsAreValidAndDistinct() {
        for (String name : LotterySpec.PRESETS) {
            LotterySpec s = LotterySpec.preset(name);
            assertTrue(Lottery.id(s).toString().startsWith("lottery-"), name);
        }
        assertNotEquals(Lottery.id(LotterySpec.lenet300Mnist()), Lottery.id(LotterySpec.lenet300Fashion()));
        assertEquals(8, LotterySpec.lenet300Fashion().levels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LotterySpec.preset("nope"));
        assertTrue(e.getMessage().contains("lenet300-fashion"), e.getMessage());
    }

    @Test
    void theBuilderChangesOnlyWhatItIsToldAndValidates() {
        for (String name : LotterySpec.PRESETS) {
            LotterySpec s = LotterySpec.preset(name);
            assertEquals(s, s.toBuilder().build());
        }
        LotterySpec base = LotterySpec.lenet300Fashion();
        LotterySpec changed = base.toBuilder().levels(2).replicates(1).build();
        assertEquals(2, changed.levels());
        assertEquals(1, changed.replicates());
        assertEquals(base, changed.toBuilder().levels(base.levels()).replicates(base.replicates()).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> base.toBuilder().validation(-1).build());
        assertTrue(e.getMessage().startsWith("validation must be 0"), e.getMessage());
    }

    @Test
    void yamlMergesOverTheCpuPreset() {
        LotterySpec s = Lottery.CODEC.parseYaml("levels: 2\nsubsample: 300\nreplicates: 1\n");
        assertEquals(2, s.levels());
        assertEquals(300, s.subsample());
        assertEquals(LotterySpec.lenet300Fashion().learningRate(), s.learningRate());
        assertEquals(s, Lottery.CODEC.parseYaml(Lottery.CODEC.toYaml(s)));
    }

    @Test
    void impossibleValuesAreRejectedWithSentences() {
        assertMessage("levels: -1", "levels must be non-negative");
        assertMessage("replicates: 0", "replicates must be positive");
        assertMessage("rate: 1.5", "1.5");
        // MNIST and CIFAR-10 without a dataPath are read from where 'jackpot data fetch' puts them
        assertEquals("", Lottery.CODEC.parseYaml("dataset: mnist").dataPath());
        assertMessage("dataset: imagenet", "dataset must be one of");
        assertMessage("model: vgg-99", "Unknown architecture");
        assertMessage("learningRate: -1", "learningRate");
        assertMessage("subsample: -5", "subsample");
        assertMessage("batchSize: 0", "batchSize");
        assertMessage("controls: [RANDOM_REINIT, RANDOM_REINIT]", "repeat");
    }

    private static void assertMessage(String yaml, String fragment) {
        SpecException e = assertThrows(SpecException.class, () -> Lottery.CODEC.parseYaml(yaml));
        assertTrue(e.getMessage().contains(fragment), yaml + " -> " + e.getMessage());
    }

    @Test
    void countingAndOptimizerAtRewindAreSpecFieldsWithNeutralDefaults() {
        LotterySpec tf = Lottery.CODEC.parseYaml("counting: LTH_TF");
        assertEquals(dev.jackpot.prune.CountingRule.LTH_TF, tf.counting());
        assertEquals(dev.jackpot.prune.CountingRule.LTH_TF, tf.impSpec(100, 1).counting());
        org.junit.jupiter.api.Assertions.assertNotEquals(Lottery.id(LotterySpec.lenet300Fashion()), Lottery.id(tf));
        assertEquals(Lottery.id(LotterySpec.lenet300Fashion()),
                Lottery.id(Lottery.CODEC.parseYaml("counting: EXACT\noptimizerAtRewind: ZERO")));
        assertMessage("counting: OPENLTH", "needs GLOBAL scope");
        assertMessage("counting: SNIP", "target density");
        assertMessage("optimizerAtRewind: RESTORE", "REWIND_TO_STEP");
        LotterySpec k = Lottery.CODEC.parseYaml("reset: REWIND_TO_STEP\nrewindStep: 5\noptimizerAtRewind: RESTORE");
        assertEquals(dev.jackpot.prune.OptimizerAtRewind.RESTORE, k.impSpec(100, 1).optimizerAtRewind());
    }

    @Test
    void augmentIsASpecFieldWithANeutralDefault() {
        LotterySpec a = Lottery.CODEC.parseYaml("augment: FLIP_CROP");
        assertEquals(Augmentation.FLIP_CROP, a.augment());
        assertEquals(Augmentation.FLIP_CROP, a.trainSpec(5).augment());
        assertEquals(Augmentation.NONE, LotterySpec.lenet300Fashion().trainSpec(5).augment());
        assertNotEquals(Lottery.id(LotterySpec.lenet300Fashion()), Lottery.id(a));
        assertEquals(Lottery.id(LotterySpec.lenet300Fashion()), Lottery.id(Lottery.CODEC.parseYaml("augment: NONE")));
        assertEquals(a, Lottery.CODEC.parseYaml(Lottery.CODEC.toYaml(a)));
        // B1 (OpenLTH cifar_resnet_20) trains with flip + 4-px crop; B3 (Frankle and Carbin's Conv-2) lists none
        assertEquals(Augmentation.FLIP_CROP, LotterySpec.resnet20Cifar10().augment());
        assertEquals(Augmentation.NONE, LotterySpec.conv2Cifar10().augment());
        assertEquals(Augmentation.NONE, LotterySpec.lenet300Mnist().augment());
        // without augmentation (and with the data path it named then) the ResNet-20 preset has the id it had
        // before the field existed
        assertEquals("lottery-8a227bbf1753d01e", Lottery.id(LotterySpec.resnet20Cifar10().toBuilder()
                .augment(Augmentation.NONE).dataPath("data/cifar-10-batches-bin").build()).toString());
        assertThrows(SpecException.class, () -> Lottery.CODEC.parseYaml("augment: ROTATE"));
    }

    @Test
    void validationIsAHeldOutCountWithANeutralDefault() {
        assertEquals(0, LotterySpec.lenet300Fashion().validation());
        // A1 (55K / 5K) and B3 hold out 5,000 training examples for the early-stopping iteration
        assertEquals(5000, LotterySpec.lenet300Mnist().validation());
        assertEquals(5000, LotterySpec.conv2Cifar10().validation());
        LotterySpec v = Lottery.CODEC.parseYaml("validation: 500");
        assertEquals(500, v.validation());
        assertEquals(v, Lottery.CODEC.parseYaml(Lottery.CODEC.toYaml(v)));
        assertNotEquals(Lottery.id(LotterySpec.lenet300Fashion()), Lottery.id(v));
        assertEquals(Lottery.id(LotterySpec.lenet300Fashion()), Lottery.id(Lottery.CODEC.parseYaml("validation: 0")));
        SpecException e = assertThrows(SpecException.class, () -> Lottery.CODEC.parseYaml("validation: -5"));
        assertTrue(e.getMessage().contains("validation") && e.getMessage().contains("-5"), e.getMessage());
    }

    /** Run ids must never change for an unchanged spec: a change orphans every existing run directory. */
    @Test
    void runIdsArePinned() {
        assertEquals("lottery-44136fa355b3678a", Lottery.id(LotterySpec.lenet300Fashion()).toString());
        assertEquals("lottery-f081882cd33dfe1b", Lottery.id(LotterySpec.lenet300Fashion().toBuilder().levels(2).build()).toString());
        // changed deliberately when the preset gained its flip + crop augmentation (it was lottery-8a227bbf1753d01e),
        // and again when presets stopped naming a relative data path so that fetched data is found (it was
        // lottery-4bfe71f2c759ca93, which --data-path data/cifar-10-batches-bin still gives)
        assertEquals("lottery-4bfe71f2c759ca93", Lottery.id(LotterySpec.resnet20Cifar10().toBuilder()
                .dataPath("data/cifar-10-batches-bin").build()).toString());
        assertEquals("lottery-ffe290b38731d01f", Lottery.id(LotterySpec.resnet20Cifar10()).toString());
    }
}
