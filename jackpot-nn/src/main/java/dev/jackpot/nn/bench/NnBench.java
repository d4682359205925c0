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
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Times one training epoch (forward, backward, masked SGD-with-momentum update; evaluation excluded)
 * of LeNet-300-100 and LeNet-5 on Fashion-MNIST, dense and under a random mask of the given density,
 * in the same process. The mask does not reduce the arithmetic (libtorch multiplies the zeros), so
 * the ratio measures the masking overhead; useful GFLOP/s count {@code 6 * forwardMACs} per example
 * (forward 2 MACs, backward twice that) and are compared with the machine's fp32 peak.
 */
public final class NnBench {

    /** Seed of the benchmark's data, init and masks. */
    public static final long SEED = 2024;

    private NnBench() {
    }

    /**
     * @param architecture    the network
     * @param examples        training examples per epoch
     * @param dataSource      "fashion-mnist" or "synthetic (same shape)"
     * @param density         fraction of prunable weights kept by the mask
     * @param denseSeconds    median dense epoch time
     * @param maskedSeconds   median masked epoch time
     * @param denseGflops     useful GFLOP/s of the dense epoch
     * @param maskedGflops    GFLOP/s of the masked epoch counting the dense arithmetic it performs
     * @param flopsPerEpoch   FLOPs of one dense training epoch
     */
    public record Row(Architecture architecture, int examples, String dataSource, double density, double denseSeconds,
                      double maskedSeconds, double denseGflops, double maskedGflops, double flopsPerEpoch) {
        /** @return masked time / dense time */
        public double ratio() {
            return maskedSeconds / denseSeconds;
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
     * @param compute   where to compute
     * @param data      the data
     * @param source    the data's source, for the report
     * @param archs     architectures to time
     * @param density   mask density
     * @param batchSize batch size
     * @param repeats   measured epochs per path (median reported)
     * @param progress  receives one line per measured epoch
     * @return one row per architecture
     */
    public static List<Row> run(Compute compute, DataSplit data, String source, List<Architecture> archs, double density,
                                int batchSize, int repeats, Consumer<String> progress) {
        List<Row> rows = new ArrayList<>();
        int n = data.train().size();
        Normalisation norm = Normalisation.fit(data.train());
        for (Architecture a : archs) {
            Network net = a.create(new int[] {1, 28, 28}, 10);
            TensorSet init = Initialiser.initialise(net, Seeds.derive(SEED, "init"), InitScheme.KAIMING_NORMAL);
            TensorSet mask = randomMask(net, density, Seeds.stream(SEED, "mask", a.ordinal()));
            TrainSpec spec = TrainSpec.sgd(0.05, batchSize, 1, SEED).withMomentum(0.9, false);
            MaskedTrainer trainer = new MaskedTrainer(compute, net, data, norm, spec);
            long warm = Math.min(20, trainer.totalSteps());
            time(trainer, init, TensorSet.of(), warm);
            time(trainer, init, mask, warm);
            double[] dense = new double[repeats];
            double[] masked = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                dense[r] = time(trainer, init, TensorSet.of(), trainer.totalSteps());
                progress.accept(String.format("%s dense epoch %d: %.2f s", a.id(), r + 1, dense[r]));
                masked[r] = time(trainer, init, mask, trainer.totalSteps());
                progress.accept(String.format("%s masked (density %.2f) epoch %d: %.2f s", a.id(), density, r + 1, masked[r]));
            }
            double flops = 6.0 * net.forwardMacs() * n;
            double d = median(dense);
            double m = median(masked);
            rows.add(new Row(a, n, source, density, d, m, flops / d / 1e9, flops / m / 1e9, flops));
        }
        return rows;
    }

    /** Seconds from the start of training to the end of the last step (the evaluation is excluded). */
    private static double time(MaskedTrainer trainer, TensorSet init, TensorSet mask, long steps) {
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
        return (end[0] - start) / 1e9;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
