package dev.jackpot.nn.lottery;

import dev.jackpot.nn.data.Augmentation;
import dev.jackpot.nn.model.Architecture;
import dev.jackpot.nn.model.InitScheme;
import dev.jackpot.nn.train.OptimizerKind;
import dev.jackpot.nn.train.ScheduleKind;
import dev.jackpot.nn.train.TrainSpec;
import dev.jackpot.prune.Control;
import dev.jackpot.prune.CountingRule;
import dev.jackpot.prune.ImpSpec;
import dev.jackpot.prune.OptimizerAtRewind;
import dev.jackpot.prune.PruneScope;
import dev.jackpot.prune.ResetVariant;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A lottery-ticket experiment on real data: IMP with controls (weak-lth.md sections 3 and 6),
 * {@code replicates} times with seeds derived by name from {@code seed}.
 *
 * @param model           architecture id: lenet-300-100, lenet-5, conv-2, conv-4, conv-6, resnet-20
 * @param dataset         fashion-mnist, mnist or cifar10
 * @param dataPath        the directory of the data files; empty to find them where {@code jackpot data fetch} puts
 *                        them ({@link dev.jackpot.nn.data.DataHome}; for Fashion-MNIST also Debian's package)
 * @param subsample       training examples kept (class-balanced, seeded), 0 for all
 * @param testSubsample   test examples kept (class-balanced, seeded), 0 for all
 * @param init            initialisation scheme
 * @param optimizer       SGD or ADAM
 * @param learningRate    base learning rate, positive
 * @param momentum        SGD momentum in [0, 1)
 * @param weightDecay     coupled L2 coefficient, non-negative
 * @param batchSize       examples per step, positive
 * @param epochs          training length in epochs, or 0 when {@code iterations} is given
 * @param iterations      training length in steps, or 0 when {@code epochs} is given
 * @param schedule        learning-rate schedule
 * @param milestones      STEP schedule milestones (steps)
 * @param gamma           STEP factor
 * @param warmupSteps     linear warm-up steps
 * @param levels          pruning levels after the dense level 0
 * @param scope           GLOBAL or LAYERWISE
 * @param rate            prune fraction per level (global, or the default per-layer rate)
 * @param layerRates      per-layer rates (LAYERWISE), e.g. {@code fc3.weight: 0.1}
 * @param excluded        prunable tensors never pruned
 * @param reset           reset variant after pruning
 * @param rewindStep      k for REWIND_TO_STEP and LR_REWIND, else 0
 * @param fineTuneSteps   steps of fine-tuning per level (FINE_TUNE only, else 0)
 * @param controls        control branches at every level
 * @param replicates      independent replicates, positive
 * @param seed            root seed
 * @param optimizerAtRewind optimiser state at the rewind step k (REWIND_TO_STEP): ZERO (fresh, OpenLTH; the
 *                        default) or RESTORE (level 0's state at k, masked)
 * @param counting        removals per round: EXACT (Jackpot's exact counts, the default), OPENLTH (OpenLTH
 *                        sparse_global, GLOBAL scope) or LTH_TF (prune_by_percent, LAYERWISE scope)
 * @param augment         training-time augmentation of every training batch: NONE (the default) or FLIP_CROP
 *                        (horizontal flip with probability 1/2, then a crop of the image zero-padded by 4 pixels,
 *                        drawn per example from the data-order seed and the step; never applied to evaluation)
 * @param validation      training examples held out as a validation set before subsampling (chosen uniformly from
 *                        {@code Seeds.derive(seed, "validation")}; Frankle and Carbin hold out 5,000), on which the
 *                        early-stopping iteration is judged; 0 (the default) for none, when the test loss is used
 * @param margin          the equivalence margin of the verdicts, in accuracy points (default 0.5): the ticket
 *                        "matches" dense when the 90% interval on their difference lies within +/- margin. An
 *                        analysis setting: it does not enter the run id, so a run is re-judged without training
 */
public record LotterySpec(String model, String dataset, String dataPath, int subsample, int testSubsample,
                          InitScheme init, OptimizerKind optimizer, double learningRate, double momentum,
                          double weightDecay, int batchSize, int epochs, long iterations, ScheduleKind schedule,
                          List<Long> milestones, double gamma, long warmupSteps, int levels, PruneScope scope,
                          double rate, Map<String, Double> layerRates, List<String> excluded, ResetVariant reset,
                          long rewindStep, long fineTuneSteps, List<Control> controls, int replicates, long seed,
                          OptimizerAtRewind optimizerAtRewind, CountingRule counting,
                          Augmentation augment, int validation, double margin) {

    /** Datasets a spec can name. */
    public static final List<String> DATASETS = List.of("fashion-mnist", "mnist", "cifar10");

    /** Preset names, CPU-sized first. */
    public static final List<String> PRESETS = List.of("lenet300-fashion", "lenet300-mnist", "conv2-cifar10",
            "resnet20-cifar10");

    /**
     * @throws IllegalArgumentException with a full-sentence message naming the field and the value
     */
    public LotterySpec {
        Architecture.parse(model == null ? "" : model);
        if (dataset == null || !DATASETS.contains(dataset.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("dataset must be one of " + DATASETS + ", got '" + dataset + "'.");
        }
        dataset = dataset.toLowerCase(Locale.ROOT);
        dataPath = dataPath == null ? "" : dataPath;
        if (subsample < 0 || testSubsample < 0) {
            throw new IllegalArgumentException("subsample and testSubsample must be 0 (all) or positive, got "
                    + subsample + " and " + testSubsample + ".");
        }
        if (replicates < 1) {
            throw new IllegalArgumentException("replicates must be positive, got " + replicates + ".");
        }
        if (init == null || optimizer == null || schedule == null || scope == null || reset == null) {
            throw new IllegalArgumentException("init, optimizer, schedule, scope and reset are required.");
        }
        milestones = List.copyOf(milestones == null ? List.of() : milestones);
        layerRates = Map.copyOf(new TreeMap<>(layerRates == null ? Map.of() : layerRates));
        excluded = List.copyOf(excluded == null ? List.of() : excluded);
        controls = List.copyOf(controls == null ? List.of() : controls);
        optimizerAtRewind = optimizerAtRewind == null ? OptimizerAtRewind.ZERO : optimizerAtRewind;
        counting = counting == null ? CountingRule.EXACT : counting;
        augment = augment == null ? Augmentation.NONE : augment;
        if (!(margin > 0 && margin <= 100)) {
            throw new IllegalArgumentException("margin is the equivalence margin in accuracy points and must lie in "
                    + "(0, 100], got " + margin + ".");
        }
        if (validation < 0) {
            throw new IllegalArgumentException("validation must be 0 (no validation set) or the number of training "
                    + "examples to hold out, got " + validation + ".");
        }
        if (Set.copyOf(controls).size() != controls.size()) {
            throw new IllegalArgumentException("controls must not repeat a control, got " + controls + ".");
        }
        // The training and IMP settings validate themselves with their own full-sentence messages.
        // (the fields are not yet assigned inside a compact constructor, hence the static builders).
        train(optimizer, learningRate, momentum, weightDecay, batchSize, epochs, iterations, schedule, milestones,
                gamma, warmupSteps, augment, 0);
        imp(levels, scope, rate, layerRates, excluded, reset, rewindStep, Math.max(1, rewindStep + 1), fineTuneSteps,
                controls, 0, optimizerAtRewind, counting);
    }

    /**
     * @param dataSeed the data-order seed (the IMP driver replaces it with its own derived seed)
     * @return the training settings
     */
    public TrainSpec trainSpec(long dataSeed) {
        return train(optimizer, learningRate, momentum, weightDecay, batchSize, epochs, iterations, schedule, milestones,
                gamma, warmupSteps, augment, dataSeed);
    }

    private static TrainSpec train(OptimizerKind optimizer, double learningRate, double momentum, double weightDecay,
                                   int batchSize, int epochs, long iterations, ScheduleKind schedule,
                                   List<Long> milestones, double gamma, long warmupSteps, Augmentation augment,
                                   long dataSeed) {
        return new TrainSpec(optimizer, learningRate, momentum, false, 0.9, 0.999, 1e-8, weightDecay, batchSize,
                epochs, iterations, schedule, milestones, gamma, warmupSteps, dataSeed, 1000, false, augment);
    }

    private static ImpSpec imp(int levels, PruneScope scope, double rate, Map<String, Double> layerRates,
                               List<String> excluded, ResetVariant reset, long rewindStep, long trainingSteps,
                               long fineTuneSteps, List<Control> controls, long seed, OptimizerAtRewind optimizerAtRewind,
                               CountingRule counting) {
        return new ImpSpec(levels, scope, rate, scope == PruneScope.LAYERWISE ? layerRates : Map.of(),
                Set.copyOf(excluded), reset, rewindStep, trainingSteps, fineTuneSteps, Set.copyOf(controls), seed,
                optimizerAtRewind, counting);
    }

    /**
     * @param trainingSteps T, the steps of one full training on the (subsampled) training set
     * @param replicateSeed the replicate's root seed
     * @return the IMP settings
     */
    public ImpSpec impSpec(long trainingSteps, long replicateSeed) {
        return imp(levels, scope, rate, layerRates, excluded, reset, rewindStep, trainingSteps, fineTuneSteps, controls,
                replicateSeed, optimizerAtRewind, counting);
    }

    /** @return the architecture */
    public Architecture architecture() {
        return Architecture.parse(model);
    }

    /** @return a builder starting from this spec's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A mutable copy of a spec's values, to change a few of them and {@link #build()} a new, validated spec:
     * {@code spec.toBuilder().levels(2).replicates(1).build()}. Each setter is named after the record
     * component it sets.
     */
    public static final class Builder {
        private String model;
        private String dataset;
        private String dataPath;
        private int subsample;
        private int testSubsample;
        private InitScheme init;
        private OptimizerKind optimizer;
        private double learningRate;
        private double momentum;
        private double weightDecay;
        private int batchSize;
        private int epochs;
        private long iterations;
        private ScheduleKind schedule;
        private List<Long> milestones;
        private double gamma;
        private long warmupSteps;
        private int levels;
        private PruneScope scope;
        private double rate;
        private Map<String, Double> layerRates;
        private List<String> excluded;
        private ResetVariant reset;
        private long rewindStep;
        private long fineTuneSteps;
        private List<Control> controls;
        private int replicates;
        private long seed;
        private OptimizerAtRewind optimizerAtRewind;
        private CountingRule counting;
        private Augmentation augment;
        private int validation;
        private double margin;

        private Builder(LotterySpec s) {
            model = s.model;
            dataset = s.dataset;
            dataPath = s.dataPath;
            subsample = s.subsample;
            testSubsample = s.testSubsample;
            init = s.init;
            optimizer = s.optimizer;
            learningRate = s.learningRate;
            momentum = s.momentum;
            weightDecay = s.weightDecay;
            batchSize = s.batchSize;
            epochs = s.epochs;
            iterations = s.iterations;
            schedule = s.schedule;
            milestones = s.milestones;
            gamma = s.gamma;
            warmupSteps = s.warmupSteps;
            levels = s.levels;
            scope = s.scope;
            rate = s.rate;
            layerRates = s.layerRates;
            excluded = s.excluded;
            reset = s.reset;
            rewindStep = s.rewindStep;
            fineTuneSteps = s.fineTuneSteps;
            controls = s.controls;
            replicates = s.replicates;
            seed = s.seed;
            optimizerAtRewind = s.optimizerAtRewind;
            counting = s.counting;
            augment = s.augment;
            validation = s.validation;
            margin = s.margin;
        }

        /** Sets {@code model}; returns this builder. */
        public Builder model(String v) {
            model = v;
            return this;
        }

        /** Sets {@code dataset}; returns this builder. */
        public Builder dataset(String v) {
            dataset = v;
            return this;
        }

        /** Sets {@code dataPath}; returns this builder. */
        public Builder dataPath(String v) {
            dataPath = v;
            return this;
        }

        /** Sets {@code subsample}; returns this builder. */
        public Builder subsample(int v) {
            subsample = v;
            return this;
        }

        /** Sets {@code testSubsample}; returns this builder. */
        public Builder testSubsample(int v) {
            testSubsample = v;
            return this;
        }

        /** Sets {@code init}; returns this builder. */
        public Builder init(InitScheme v) {
            init = v;
            return this;
        }

        /** Sets {@code optimizer}; returns this builder. */
        public Builder optimizer(OptimizerKind v) {
            optimizer = v;
            return this;
        }

        /** Sets {@code learningRate}; returns this builder. */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Sets {@code momentum}; returns this builder. */
        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        /** Sets {@code weightDecay}; returns this builder. */
        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** Sets {@code batchSize}; returns this builder. */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Sets {@code epochs}; returns this builder. */
        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        /** Sets {@code iterations}; returns this builder. */
        public Builder iterations(long v) {
            iterations = v;
            return this;
        }

        /** Sets {@code schedule}; returns this builder. */
        public Builder schedule(ScheduleKind v) {
            schedule = v;
            return this;
        }

        /** Sets {@code milestones}; returns this builder. */
        public Builder milestones(List<Long> v) {
            milestones = v;
            return this;
        }

        /** Sets {@code gamma}; returns this builder. */
        public Builder gamma(double v) {
            gamma = v;
            return this;
        }

        /** Sets {@code warmupSteps}; returns this builder. */
        public Builder warmupSteps(long v) {
            warmupSteps = v;
            return this;
        }

        /** Sets {@code levels}; returns this builder. */
        public Builder levels(int v) {
            levels = v;
            return this;
        }

        /** Sets {@code scope}; returns this builder. */
        public Builder scope(PruneScope v) {
            scope = v;
            return this;
        }

        /** Sets {@code rate}; returns this builder. */
        public Builder rate(double v) {
            rate = v;
            return this;
        }

        /** Sets {@code layerRates}; returns this builder. */
        public Builder layerRates(Map<String, Double> v) {
            layerRates = v;
            return this;
        }

        /** Sets {@code excluded}; returns this builder. */
        public Builder excluded(List<String> v) {
            excluded = v;
            return this;
        }

        /** Sets {@code reset}; returns this builder. */
        public Builder reset(ResetVariant v) {
            reset = v;
            return this;
        }

        /** Sets {@code rewindStep}; returns this builder. */
        public Builder rewindStep(long v) {
            rewindStep = v;
            return this;
        }

        /** Sets {@code fineTuneSteps}; returns this builder. */
        public Builder fineTuneSteps(long v) {
            fineTuneSteps = v;
            return this;
        }

        /** Sets {@code controls}; returns this builder. */
        public Builder controls(List<Control> v) {
            controls = v;
            return this;
        }

        /** Sets {@code replicates}; returns this builder. */
        public Builder replicates(int v) {
            replicates = v;
            return this;
        }

        /** Sets {@code seed}; returns this builder. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Sets {@code optimizerAtRewind}; returns this builder. */
        public Builder optimizerAtRewind(OptimizerAtRewind v) {
            optimizerAtRewind = v;
            return this;
        }

        /** Sets {@code counting}; returns this builder. */
        public Builder counting(CountingRule v) {
            counting = v;
            return this;
        }

        /** Sets {@code augment}; returns this builder. */
        public Builder augment(Augmentation v) {
            augment = v;
            return this;
        }

        /** Sets {@code margin}; returns this builder. */
        public Builder margin(double v) {
            margin = v;
            return this;
        }

        /** Sets {@code validation}; returns this builder. */
        public Builder validation(int v) {
            validation = v;
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalArgumentException as the record's constructor, if a value is invalid
         */
        public LotterySpec build() {
            return new LotterySpec(model, dataset, dataPath, subsample, testSubsample, init, optimizer, learningRate,
                    momentum, weightDecay, batchSize, epochs, iterations, schedule, milestones, gamma, warmupSteps,
                    levels, scope, rate, layerRates, excluded, reset, rewindStep, fineTuneSteps, controls, replicates,
                    seed, optimizerAtRewind, counting, augment, validation, margin);
        }
    }

    /**
     * LeNet-300-100 on Fashion-MNIST, CPU-sized (minutes per replicate): a 10,000-example
     * class-balanced subsample, Adam 1.2e-3, batch 60, 3 epochs per level, layer-wise 20% hidden /
     * 10% output, rewind to init, 8 levels (density 16.9%), controls random re-init and
     * random layer-wise pruning, 3 replicates.
     *
     * @return the preset
     */
    public static LotterySpec lenet300Fashion() {
        return new LotterySpec("lenet-300-100", "fashion-mnist", "", 10_000, 0, InitScheme.GLOROT_NORMAL,
                OptimizerKind.ADAM, 1.2e-3, 0, 0, 60, 3, 0, ScheduleKind.CONSTANT, List.of(), 1, 0, 8,
                PruneScope.LAYERWISE, 0.2, Map.of("fc3.weight", 0.1), List.of(), ResetVariant.REWIND_INIT, 0, 0,
                List.of(Control.RANDOM_REINIT, Control.RANDOM_PRUNE_LAYERWISE), 3, 2019,
                OptimizerAtRewind.ZERO, CountingRule.EXACT, Augmentation.NONE, 0, 0.5);
    }

    /**
     * A1 of weak-lth.md: LeNet-300-100 on MNIST from a user path, Glorot normal, Adam 1.2e-3, batch 60,
     * 50,000 iterations, layer-wise 20% / 10% output, rewind to init, 15 levels (3.6%), 5 replicates; 5,000
     * training examples held out for validation (55K / 5K, the early-stopping iteration on validation loss).
     *
     * @return the preset (set its {@code dataPath})
     */
    public static LotterySpec lenet300Mnist() {
        return new LotterySpec("lenet-300-100", "mnist", "", 0, 0, InitScheme.GLOROT_NORMAL,
                OptimizerKind.ADAM, 1.2e-3, 0, 0, 60, 0, 50_000, ScheduleKind.CONSTANT, List.of(), 1, 0, 15,
                PruneScope.LAYERWISE, 0.2, Map.of("fc3.weight", 0.1), List.of(), ResetVariant.REWIND_INIT, 0, 0,
                List.of(Control.RANDOM_REINIT, Control.RANDOM_PRUNE_LAYERWISE), 5, 2019,
                OptimizerAtRewind.ZERO, CountingRule.EXACT, Augmentation.NONE, 5000, 0.5);
    }

    /**
     * B3 of weak-lth.md: Conv-2 on CIFAR-10 from a user path, Adam 2e-4, batch 60, 20,000 iterations,
     * conv layers 10% per round, FC 20%, output 10%, rewind to init; 5,000 training examples held out for
     * validation.
     *
     * @return the preset (set its {@code dataPath})
     */
    public static LotterySpec conv2Cifar10() {
        return new LotterySpec("conv-2", "cifar10", "", 0, 0, InitScheme.GLOROT_NORMAL,
                OptimizerKind.ADAM, 2e-4, 0, 0, 60, 0, 20_000, ScheduleKind.CONSTANT, List.of(), 1, 0, 20,
                PruneScope.LAYERWISE, 0.2, Map.of("conv1.weight", 0.1, "conv2.weight", 0.1, "fc3.weight", 0.1),
                List.of(), ResetVariant.REWIND_INIT, 0, 0,
                List.of(Control.RANDOM_REINIT, Control.RANDOM_PRUNE_LAYERWISE), 3, 2019,
                OptimizerAtRewind.ZERO, CountingRule.EXACT, Augmentation.NONE, 5000, 0.5);
    }

    /**
     * B1 of weak-lth.md (OpenLTH {@code cifar_resnet_20}): SGD momentum 0.9, lr 0.1 x 0.1 at 32K and
     * 48K, weight decay 1e-4, batch 128, 63K iterations, random horizontal flip and 4-pixel padded crop
     * ({@code FLIP_CROP}), Kaiming normal, global 20%, rewind to iteration 500 (ResNet-20 needs k > 0 at
     * standard learning rate), 16 levels.
     *
     * @return the preset (set its {@code dataPath})
     */
    public static LotterySpec resnet20Cifar10() {
        return new LotterySpec("resnet-20", "cifar10", "", 0, 0, InitScheme.KAIMING_NORMAL,
                OptimizerKind.SGD, 0.1, 0.9, 1e-4, 128, 0, 63_000, ScheduleKind.STEP, List.of(32_000L, 48_000L), 0.1,
                0, 16, PruneScope.GLOBAL, 0.2, Map.of(), List.of(), ResetVariant.REWIND_TO_STEP, 500, 0,
                List.of(Control.RANDOM_REINIT, Control.RANDOM_PRUNE_LAYERWISE), 3, 2020,
                OptimizerAtRewind.ZERO, CountingRule.EXACT, Augmentation.FLIP_CROP, 0, 0.5);
    }

    /**
     * @param name one of {@link #PRESETS}
     * @return the preset
     * @throws IllegalArgumentException if there is none of that name
     */
    public static LotterySpec preset(String name) {
        return switch (name) {
            case "lenet300-fashion" -> lenet300Fashion();
            case "lenet300-mnist" -> lenet300Mnist();
            case "conv2-cifar10" -> conv2Cifar10();
            case "resnet20-cifar10" -> resnet20Cifar10();
            default -> throw new IllegalArgumentException("Unknown lottery preset '" + name + "'; known presets: "
                    + PRESETS + ".");
        };
    }
}
