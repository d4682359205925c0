package dev.jackpot.nn.lottery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.FileLevelStore;
import dev.jackpot.experiment.Manifest;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.DataHome;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.data.Subsample;
import dev.jackpot.nn.lottery.DjlTicketTrainer;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.train.Evaluation;
import dev.jackpot.nn.train.MaskedTrainer;
import dev.jackpot.nn.train.TrainListener;
import dev.jackpot.nn.train.TrainResult;
import dev.jackpot.nn.train.TrainSpec;
import dev.jackpot.prune.BranchResult;
import dev.jackpot.prune.ImpRunner;
import dev.jackpot.prune.ImpSpec;
import dev.jackpot.prune.LevelResult;
import dev.jackpot.prune.LevelStore;
import dev.jackpot.prune.Masks;
import dev.jackpot.rng.Seeds;
import dev.jackpot.run.RunLock;
import dev.jackpot.run.RunWriter;
import dev.jackpot.tensor.TensorSet;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs a {@link LotterySpec}: for each replicate r, IMP with its controls through the engine-neutral
 * {@link ImpRunner} on the DJL engine ({@link DjlTicketTrainer}), every level saved by a
 * {@link FileLevelStore} under {@code runs/lottery-<hash>/rep-<r>/}. Replicate r's root seed is
 * {@code Seeds.derive(seed, "replicate", r)}; the data subsample is drawn once from
 * {@code Seeds.derive(seed, "subsample")}, so replicates differ in initialisation, data order and
 * control draws, not in data. Re-running the same spec resumes each replicate at its first
 * unfinished level; finished levels are loaded, never recomputed.
 */
public final class Lottery {

    /** Run kind, the prefix of the run id. */
    public static final String KIND = "lottery";

    /** Reads specs merged over the {@code lenet300-fashion} preset. */
    public static final SpecCodec<LotterySpec> CODEC = new SpecCodec<>(LotterySpec.class, LotterySpec.lenet300Fashion());

    private Lottery() {
    }

    /**
     * @param spec the spec
     * @return {@code lottery-} plus the first 16 hex digits of SHA-256 of the canonical spec
     */
    public static RunId id(LotterySpec spec) {
        return RunId.of(KIND, hashedTree(spec), CODEC.toTree(CODEC.defaults()));
    }

    /**
     * @param spec a spec
     * @return its tree as run ids hash it: without {@code margin}, which only judges the results, so that
     *         changing it re-judges a run instead of orphaning it
     */
    static com.fasterxml.jackson.databind.node.ObjectNode hashedTree(LotterySpec spec) {
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) CODEC.toTree(spec);
        tree.remove("margin");
        return tree;
    }

    /**
     * The finished run.
     *
     * @param layout    its directory
     * @param spec      the spec
     * @param branches  every branch of every level of every replicate, in order
     * @param masks     the ticket's masks per replicate and level (for overlaps)
     * @param computed  levels computed by this call (the others were loaded)
     * @param threads   intra-op threads used
     * @param flopsPerStep dense arithmetic of one training step, 6 x forward MACs x batch size (forward and
     *                  backward; libtorch multiplies the masked zeros too)
     * @param sparseBelow the density at and below which fully connected levels trained on the sparse
     *                  engine ({@link Compute#sparseBelow()}; 0: never)
     */
    public record Result(RunLayout layout, LotterySpec spec, List<BranchSummary> branches,
                         List<List<TensorSet>> masks, int computed, int threads, double flopsPerStep, double sparseBelow) {
    }

    /**
     * @param spec     the spec
     * @param root     the runs directory (e.g. {@code runs})
     * @param compute  where to train
     * @param listener progress
     * @return the run's results (report written separately by {@link LotteryReport})
     * @throws IOException if the data cannot be read or the run directory written
     */
    public static Result run(LotterySpec spec, Path root, Compute compute, LotteryListener listener) throws IOException {
        return run(spec, root, compute, listener, -1);
    }

    /**
     * Runs one replicate only (or all), so that replicates can run in separate processes or on separate
     * machines sharing the run directory; a later call for all of them loads what they saved. With one
     * replicate, result.json and the manifest are not written (they describe the whole run).
     *
     * @param spec      the spec
     * @param root      the runs directory
     * @param compute   where to train
     * @param listener  progress
     * @param replicate the replicate to run, in [0, replicates), or -1 for all
     * @return the run's results for the replicates run
     * @throws IOException if the data cannot be read or the run directory written
     */
    public static Result run(LotterySpec spec, Path root, Compute compute, LotteryListener listener, int replicate)
            throws IOException {
        return run(spec, root, compute, listener, replicate, null);
    }

    /**
     * Runs every replicate with its levels' branches as jobs of an executor (e.g. Spark): one dependency
     * round per level, each branch of each unfinished replicate one job ({@link LotteryJobs}), its inputs
     * (level 0's and level L−1's tickets) shipped in and its output committed to this run directory by
     * the same {@link FileLevelStore} a local run uses. The results are bit-identical to {@link #run(LotterySpec,
     * Path, Compute, LotteryListener)} at the same thread count. A failed job stops its replicate at that
     * level (the levels before it are kept) and is reported, with its key and cause, after every other
     * replicate has finished.
     *
     * @param spec     the spec
     * @param root     the runs directory
     * @param compute  the thread count and sparse-engine threshold every job trains with (pinned per job)
     * @param listener progress (no step progress: steps run on the executors)
     * @param executor where the jobs run
     * @return the run's results
     * @throws IOException if the data cannot be read, the run directory written, or a job failed
     */
    public static Result run(LotterySpec spec, Path root, Compute compute, LotteryListener listener, TaskExecutor executor)
            throws IOException {
        return run(spec, root, compute, listener, -1, Objects.requireNonNull(executor, "executor"));
    }

    private static Result run(LotterySpec spec, Path root, Compute compute, LotteryListener listener, int replicate,
                              TaskExecutor executor) throws IOException {
        if (replicate < -1 || replicate >= spec.replicates()) {
            throw new IllegalArgumentException("The replicate to run must be in [0, " + spec.replicates()
                    + ") or -1 for all, got " + replicate + ".");
        }
        Instant started = Instant.now();
        RunLayout layout = new RunLayout(root, id(spec));
        String specYaml = CODEC.toYaml(spec);
        String specJson = specJson(spec);
        // The data first: a spec the data cannot satisfy leaves no run directory behind.
        Setup setup = Setup.of(spec);
        RunWriter writer = RunWriter.open(layout);
        writer.spec(specYaml);
        Map<String, Long> seeds = new TreeMap<>();
        seeds.put("subsample", Seeds.derive(spec.seed(), "subsample"));
        if (spec.validation() > 0) {
            seeds.put("validation", Seeds.derive(spec.seed(), "validation"));
        }
        List<Integer> reps = new ArrayList<>();
        for (int r = 0; r < spec.replicates(); r++) {
            if (replicate < 0 || r == replicate) {
                reps.add(r);
                seeds.put("replicate-" + r, Seeds.derive(spec.seed(), "replicate", r));
            }
        }
        int[] count = {0};
        Map<Integer, List<LevelResult>> levels = new TreeMap<>();
        if (executor == null) {
            for (int r : reps) {
                FileLevelStore store = new FileLevelStore(layout.levels(r), specJson);
                listener.replicateStarted(r, Math.min(store.finishedLevels(), spec.levels() + 1));
                // One process per replicate: `--replicate R` processes share a run, never a replicate.
                try (RunLock lock = RunLock.acquire(layout.levels(r).dir())) {
                    levels.put(r, setup.runner(spec, compute, r, store, listener, count).run());
                }
            }
        } else {
            levels.putAll(LotteryJobs.runAll(spec, setup, layout, compute, listener, executor, count));
        }
        List<BranchSummary> rows = new ArrayList<>();
        List<List<TensorSet>> masks = new ArrayList<>();
        for (Map.Entry<Integer, List<LevelResult>> e : levels.entrySet()) {
            List<TensorSet> repMasks = new ArrayList<>();
            for (LevelResult level : e.getValue()) {
                rows.add(summary(e.getKey(), level.level(), level.main()));
                for (BranchResult c : level.controls()) {
                    rows.add(summary(e.getKey(), level.level(), c));
                }
                repMasks.add(level.main().masks());
            }
            masks.add(repMasks);
        }
        Result result = new Result(layout, spec, rows, masks, count[0], compute.threads(),
                6.0 * setup.network().forwardMacs() * spec.batchSize(), compute.sparseBelow());
        if (replicate >= 0) {
            return result;
        }
        Map<String, String> settings = new TreeMap<>(compute.settings());
        if (executor != null) {
            settings.put("executor", executor.name());
        }
        writer.manifestIfComputed(count[0] > 0, Manifest.COMPLETE, compute.threads(), seeds, started, settings);
        writer.result(resultJson(result));
        return result;
    }

    /** @return the spec as JSON, as every ticket file of its run records it */
    static String specJson(LotterySpec spec) throws IOException {
        return SpecCodec.json().writeValueAsString(CODEC.toTree(spec));
    }

    /**
     * What every replicate of a run shares: the data (loaded and subsampled once), the network and the
     * normalisation fitted on the training subsample.
     */
    record Setup(DataSplit data, Network network, Normalisation norm) {

        static Setup of(LotterySpec spec) throws IOException {
            DataSplit data = load(spec);
            Network network = spec.architecture().create(new int[] {data.train().channels(), data.train().height(),
                    data.train().width()}, data.train().classes());
            return new Setup(data, network, Normalisation.fit(data.train()));
        }

        /**
         * @param count incremented for every level the runner finishes (and the listener told)
         * @return replicate r's IMP runner on the DJL engine
         */
        ImpRunner runner(LotterySpec spec, Compute compute, int r, LevelStore store, LotteryListener listener, int[] count) {
            TrainListener steps = new TrainListener() {
                @Override
                public void onStep(long step, long total, double loss) {
                    listener.step(r, step, total);
                }
            };
            TrainSpec train = spec.trainSpec(0);
            TrainSpec fineTune = spec.fineTuneSteps() > 0 ? train.withIterations(spec.fineTuneSteps()) : train;
            DjlTicketTrainer trainer = new DjlTicketTrainer(compute, network, data, norm, train, fineTune, spec.init(),
                    steps);
            ImpSpec imp = spec.impSpec(trainer.trainingSteps(), Seeds.derive(spec.seed(), "replicate", r));
            return new ImpRunner(imp, trainer, store, level -> {
                count[0]++;
                listener.levelFinished(r, level);
            });
        }
    }

    /**
     * Loads the spec's data, holds out its validation set (from the full training set) and draws its
     * subsamples.
     *
     * @param spec the spec
     * @return train, validation (when the spec asks for one) and test, subsampled as the spec says
     * @throws IOException if the files are missing or malformed
     */
    public static DataSplit load(LotterySpec spec) throws IOException {
        DataSplit full = DataHome.system().load(spec.dataset(), spec.dataPath());
        if (spec.validation() > 0) {
            full = full.holdOutValidation(spec.validation(),
                    Seeds.stream(Seeds.derive(spec.seed(), "validation"), "validation"));
        }
        ImageDataset train = subsample(full.train(), spec.subsample(), "subsample",
                Seeds.derive(spec.seed(), "subsample"));
        ImageDataset test = subsample(full.test(), spec.testSubsample(), "testSubsample",
                Seeds.derive(spec.seed(), "test-subsample"));
        return new DataSplit(train, full.validation(), test);
    }

    /**
     * Evaluates weights under masks on the test set of a run's spec, as the run evaluated its levels: the
     * same data and subsample, the normalisation fitted on the same training subsample, and the engine
     * {@code compute} chooses for the masks' density (the sparse engine for a sparse fully connected ticket,
     * with a cost proportional to its kept weights). On the engine and thread count that trained the
     * level it reproduces the recorded accuracy and loss bit for bit; on the other engine, to rounding.
     *
     * @param spec    the run's spec
     * @param weights the network's weights (a branch's final weights)
     * @param masks   its masks
     * @param compute where to compute
     * @return loss and accuracy on the spec's test set
     * @throws IOException if the data cannot be read
     */
    public static Evaluation evaluate(LotterySpec spec, TensorSet weights, TensorSet masks, Compute compute) throws IOException {
        DataSplit data = load(spec);
        Network network = spec.architecture().create(new int[] {data.train().channels(), data.train().height(),
                data.train().width()}, data.train().classes());
        return new MaskedTrainer(compute, network, data, Normalisation.fit(data.train()), spec.trainSpec(0))
                .evaluate(weights, masks, data.test());
    }

    private static ImageDataset subsample(ImageDataset data, int n, String field, long seed) {
        if (n > data.size()) {
            // Never silently "all of it": a typo of 10x would otherwise train on the whole set for hours.
            throw new IllegalArgumentException(field + " is " + n + ", more than the " + data.size() + " examples of "
                    + data.name() + "; give at most " + data.size() + ", or 0 for all of them.");
        }
        if (n == 0 || n == data.size()) {
            return data;
        }
        return data.subset(Subsample.balanced(data, n, Seeds.stream(seed, "subsample")));
    }

    private static BranchSummary summary(int replicate, int level, BranchResult b) {
        TreeMap<Long, Double> curve = new TreeMap<>();
        b.metrics().forEach((k, v) -> {
            if (k.startsWith("testAccuracy@")) {
                curve.put(Long.parseLong(k.substring("testAccuracy@".length())), v);
            }
        });
        return new BranchSummary(replicate, level, b.branch(), b.density(),
                Masks.densityPerLayer(b.masks()), b.accuracy(), b.loss(), b.metrics().getOrDefault("seconds", Double.NaN), b.toStep() - b.fromStep(),
                2 * b.metrics().getOrDefault("trainingMacs", Double.NaN), engine(b.metrics()),
                b.metrics().getOrDefault("earlyStopStep", -1.0).longValue(), curve);
    }

    private static String engine(Map<String, Double> metrics) {
        Double sparse = metrics.get("sparse");
        return sparse == null ? "" : sparse == 1.0 ? TrainResult.SPARSE : TrainResult.DENSE;
    }

    private static ObjectNode resultJson(Result r) {
        ObjectNode root = SpecCodec.json().createObjectNode();
        root.put("runId", r.layout().id().toString());
        ArrayNode levels = root.putArray("levels");
        for (LotteryStats.LevelStats s : LotteryStats.of(r.branches())) {
            levels.add(s.toJson());
        }
        return root;
    }

    /** @return the branch names in report order: the ticket, then the spec's controls */
    static List<String> branchOrder(LotterySpec spec) {
        List<String> names = new ArrayList<>();
        names.add(BranchResult.MAIN);
        spec.controls().forEach(c -> names.add(c.branch()));
        return names;
    }

}
