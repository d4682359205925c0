package dev.jackpot.nn.bench;

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
import dev.jackpot.nn.model.ParameterSpec;
import dev.jackpot.nn.sparse.SparseMlp;
import dev.jackpot.nn.train.Checkpoint;
import dev.jackpot.nn.train.MaskedTrainer;
import dev.jackpot.nn.train.TrainListener;
import dev.jackpot.nn.train.TrainResult;
import dev.jackpot.nn.train.TrainSpec;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Times one training epoch (forward, backward, masked SGD-with-momentum update; evaluation excluded)
 * of each network on Fashion-MNIST at each mask density, on both engines in the same process:
 * libtorch's dense kernels (which multiply the masked zeros, so the time does not fall with density)
 * and, for fully connected networks, the sparse engine (kept weights only). A density of 1 is the
 * unmasked network. GFLOP/s count the arithmetic each engine executes ({@link Network#trainingMacsPerExample()}
 * for the dense one, the kept weights' for the sparse one; 2 FLOPs per multiply-add).
 */
public final class NnBench {

    /** Seed of the benchmark's data, init and masks. */
    public static final long SEED = 2024;

    private NnBench() {
    }

    /**
     * @param architecture  the network
     * @param examples      training examples per epoch
     * @param dataSource    "fashion-mnist" or "synthetic (same shape)"
     * @param density       fraction of prunable weights kept by the mask (1: unmasked)
     * @param denseSeconds  median epoch time on the dense engine
     * @param sparseSeconds median epoch time on the sparse engine, NaN where it does not apply
     * @param denseFlops    FLOPs the dense engine executes per epoch
     * @param sparseFlops   FLOPs the sparse engine executes per epoch, NaN where it does not apply
     */
    public record Row(Architecture architecture, int examples, String dataSource, double density, double denseSeconds,
                      double sparseSeconds, double denseFlops, double sparseFlops) {
        /** @return dense time / sparse time (above 1: the sparse engine is faster) */
        public double speedup() {
            return denseSeconds / sparseSeconds;
        }

        /** @return executed GFLOP/s of the dense engine */
        public double denseGflops() {
            return denseFlops / denseSeconds / 1e9;
        }

        /** @return executed GFLOP/s of the sparse engine */
        public double sparseGflops() {
            return sparseFlops / sparseSeconds / 1e9;
        }

        /** @return the faster engine's time */
        public double bestSeconds() {
            return Double.isNaN(sparseSeconds) ? denseSeconds : Math.min(denseSeconds, sparseSeconds);
        }
    }

    /**
     * Loads Fashion-MNIST when installed, else synthetic bytes of the same shape.
     *
     * @param examples training examples wanted (at most 60,000)
     * @return the split and the name of the source
     * @throws IOException if an installed copy is malformed
     */
    public static DataSplit data(int examples) throws IOException {
        var dir = FashionMnist.locate();
        if (dir.isPresent()) {
            DataSplit full = FashionMnist.load(dir.get());
            ImageDataset train = examples >= full.train().size() ? full.train()
                    : full.train().subset(Subsample.uniform(full.train(), examples, Seeds.stream(SEED, "subsample")));
            ImageDataset test = full.test().subset(Subsample.uniform(full.test(), 1000, Seeds.stream(SEED, "subsample-test")));
            return DataSplit.of(train, test);
        }
        return DataSplit.of(synthetic("synthetic/train", examples, "train"), synthetic("synthetic/test", 1000, "test"));
    }

    private static ImageDataset synthetic(String name, int n, String stream) {
        Rng rng = Seeds.stream(SEED, "synthetic-" + stream);
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) rng.nextInt(256);
        }
        return new ImageDataset(name, 1, 28, 28, 10, pixels, labels);
    }

    /**
     * A mask keeping exactly {@code round(density * size)} entries of every prunable tensor, chosen uniformly.
     *
     * @param network the network
     * @param density the density in (0, 1]
     * @param rng     the generator
     * @return the masks
     */
    public static TensorSet randomMask(Network network, double density, Rng rng) {
        List<NamedTensor> out = new ArrayList<>();
        for (ParameterSpec p : network.parameters()) {
            if (!p.prunable()) {
                continue;
            }
            int n = p.size();
            int keep = (int) Math.round(density * n);
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            float[] v = new float[n];
            for (int i : rng.sample(all, keep)) {
                v[i] = 1f;
            }
            out.add(new NamedTensor(p.name(), p.shape(), v));
        }
        return TensorSet.of(out);
    }

    /**
     * Runs the benchmark.
     *
     * @param compute   where to compute (both engines use its thread count)
     * @param data      the data
     * @param source    the data's source, for the report
     * @param archs     architectures to time
     * @param densities mask densities, each in (0, 1]
     * @param batchSize batch size
     * @param repeats   measured epochs per engine and density (median reported)
     * @param progress  receives one line per measured epoch
     * @return one row per architecture and density
     */
    public static List<Row> run(Compute compute, DataSplit data, String source, List<Architecture> archs,
                                List<Double> densities, int batchSize, int repeats, Consumer<String> progress) {
        List<Row> rows = new ArrayList<>();
        int n = data.train().size();
        Normalisation norm = Normalisation.fit(data.train());
        Compute denseEngine = compute.withSparseBelow(0);
        Compute sparseEngine = compute.withSparseBelow(1).withSparseThreads(compute.threads());
        for (Architecture a : archs) {
            Network net = network(a);
            TensorSet init = Initialiser.initialise(net, Seeds.derive(SEED, "init"), InitScheme.KAIMING_NORMAL);
            TrainSpec spec = TrainSpec.sgd(learningRate(a), batchSize, 1, SEED).withMomentum(0.9, false);
            MaskedTrainer dense = new MaskedTrainer(denseEngine, net, data, norm, spec);
            MaskedTrainer sparse = SparseMlp.supports(net) ? new MaskedTrainer(sparseEngine, net, data, norm, spec) : null;
            int k = densities.size();
            List<TensorSet> masks = new ArrayList<>();
            for (double density : densities) {
                masks.add(density >= 1 ? TensorSet.of() : randomMask(net, density, Seeds.stream(SEED, "mask", a.ordinal())));
            }
            double[][] d = new double[k][repeats];
            double[][] s = new double[k][repeats];
            double[][] macs = new double[k][];
            // warm-up: a whole epoch on each engine (the first epoch of a process runs up to 1.7x slower),
            // then 20 steps per density; repeats are interleaved across densities so drift of a shared
            // machine spreads over every row instead of biasing the first
            time(dense, init, masks.get(0), dense.totalSteps(), new double[2], 0);
            if (sparse != null) {
                time(sparse, init, masks.get(0), sparse.totalSteps(), new double[2], 1);
            }
            for (int q = 0; q < k; q++) {
                macs[q] = new double[] {Double.NaN, Double.NaN};
                time(dense, init, masks.get(q), Math.min(20, dense.totalSteps()), macs[q], 0);
                if (sparse != null) {
                    time(sparse, init, masks.get(q), Math.min(20, sparse.totalSteps()), macs[q], 1);
                }
            }
            for (int r = 0; r < repeats; r++) {
                for (int q = 0; q < k; q++) {
                    double density = densities.get(q);
                    d[q][r] = time(dense, init, masks.get(q), dense.totalSteps(), macs[q], 0);
                    progress.accept(String.format(Locale.ROOT, "%s density %.3f dense engine epoch %d: %.2f s", a.id(), density, r + 1, d[q][r]));
                    s[q][r] = Double.NaN;
                    if (sparse != null) {
                        s[q][r] = time(sparse, init, masks.get(q), sparse.totalSteps(), macs[q], 1);
                        progress.accept(String.format(Locale.ROOT, "%s density %.3f sparse engine epoch %d: %.2f s", a.id(), density, r + 1, s[q][r]));
                    }
                }
            }
            for (int q = 0; q < k; q++) {
                rows.add(new Row(a, n, source, densities.get(q), median(d[q]), sparse == null ? Double.NaN : median(s[q]),
                        2 * macs[q][0], 2 * macs[q][1]));
            }
        }
        return rows;
    }

    /**
     * @param a an architecture
     * @return the benchmark's network of it: Fashion-MNIST's 1 x 28 x 28 images, 10 classes
     */
    public static Network network(Architecture a) {
        return a.create(new int[] {1, 28, 28}, 10);
    }

    /**
     * The SGD learning rate (momentum 0.9) of the benchmark's epochs and of its PyTorch peer: 0.05 for the
     * LeNets; 0.01 for Conv-2/4/6 and ResNet-20, since Conv-6 from Kaiming-normal weights diverges at 0.05
     * within ten steps and a diverged run stops early. The time of an epoch does not depend on it.
     *
     * @param a the network
     * @return its learning rate
     */
    public static double learningRate(Architecture a) {
        return switch (a) {
            case LENET_300_100, LENET_5 -> 0.05;
            case CONV_2, CONV_4, CONV_6, RESNET_20 -> 0.01;
        };
    }

    /** Seconds from the start of training to the end of the last step (the evaluation is excluded). */
    private static double time(MaskedTrainer trainer, TensorSet init, TensorSet mask, long steps, double[] macs, int slot) {
        long[] end = new long[1];
        long start = System.nanoTime();
        TrainResult r = trainer.train(Checkpoint.initial(init), mask, steps, OptionalLong.empty(), new TrainListener() {
            @Override
            public void onStep(long step, long total, double loss) {
                end[0] = System.nanoTime();
            }
        });
        if (r.diverged()) {
            throw new IllegalStateException("The benchmark run diverged at step " + r.divergedAtStep().getAsLong() + ".");
        }
        macs[slot] = r.trainingMacs();
        return (end[0] - start) / 1e9;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
