package dev.jackpot.nn.pai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.Manifest;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.DataHome;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.data.Subsample;
import dev.jackpot.nn.model.InitScheme;
import dev.jackpot.nn.model.Initialiser;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.train.EpochMetrics;
import dev.jackpot.nn.train.MaskedTrainer;
import dev.jackpot.nn.train.TrainListener;
import dev.jackpot.nn.train.TrainResult;
import dev.jackpot.nn.train.TrainSpec;
import dev.jackpot.prune.LayerCount;
import dev.jackpot.prune.Masks;
import dev.jackpot.prune.PruneScope;
import dev.jackpot.prune.RandomPruneStrategy;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.run.RunWriter;
import dev.jackpot.tensor.TensorSet;
import dev.jackpot.ticket.Ticket;
import dev.jackpot.ticket.TicketFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code prune-at-init} run (weak-lth.md section 5): prune a freshly initialised network once, train it
 * under the fixed mask, optionally train the layerwise-shuffle, reinitialisation and inverted-scores controls
 * (the sanity checks of Frankle et al., ICLR 2021), and write
 * {@code <root>/prune-at-init-<hash>/} with the spec, {@code ticket.npz}, the manifest and
 * {@code result.json} (per-layer counts, achieved density, each network's test accuracy). A finished run is
 * found by its id and returned without recomputing.
 */
public final class PruneAtInitRun {

    /** The run kind, the prefix of the run id. */
    public static final String KIND = "prune-at-init";

    private PruneAtInitRun() {
    }

    /** Progress of a run, one line at a time; the default does nothing. */
    public interface Listener {
        /** A listener that does nothing. */
        Listener NONE = new Listener() {
        };

        /** @param line what the run is doing, e.g. {@code control shuffle ...} */
        default void status(String line) {
        }

        /** @param epoch an epoch just finished, of the ticket or of a control */
        default void epoch(EpochMetrics epoch) {
        }
    }

    /**
     * @param layout the run directory
     * @param result the object of {@code result.json}
     * @param cached whether an earlier finished run was returned
     */
    public record Outcome(RunLayout layout, ObjectNode result, boolean cached) {
    }

    /**
     * @param spec the run
     * @return its id: {@code prune-at-init-<hash of the spec>}
     */
    public static RunId id(PruneAtInitRunSpec spec) {
        return RunId.of(KIND, spec.toJson(), SpecCodec.json().createObjectNode());
    }

    /**
     * Runs (or finds) the run.
     *
     * @param spec     the run
     * @param root     the directory holding runs
     * @param compute  where to compute (libtorch threads; the sparse engine's threshold)
     * @param listener progress
     * @return the outcome
     * @throws IOException if the data cannot be read or the run directory written
     */
    public static Outcome run(PruneAtInitRunSpec spec, Path root, Compute compute, Listener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        PruneAtInitSpec pai = spec.pruning();
        long seed = spec.seed();
        ObjectNode specJson = spec.toJson();
        RunLayout layout = new RunLayout(root, id(spec));
        if (Files.isRegularFile(layout.result())) {
            // The same spec already finished: report it instead of recomputing (delete the run directory to redo it).
            listener.status(layout.dir() + " already holds this run's result; reporting it.");
            JsonNode stored = SpecCodec.json().readTree(layout.result().toFile());
            return new Outcome(layout, (ObjectNode) stored, true);
        }
        Instant started = Instant.now();
        DataSplit data = data(spec);
        Network net = spec.architecture().create(new int[] {data.train().channels(), data.train().height(),
                data.train().width()}, data.train().classes());
        Normalisation norm = Normalisation.fit(data.train());
        TrainSpec train = TrainSpec.adam(1.2e-3, 60, spec.epochs(), Seeds.derive(seed, "train"));
        String method = pai.method().name().toLowerCase(Locale.ROOT);

        TensorSet init = Initialiser.initialise(net, Seeds.derive(seed, "init"), InitScheme.KAIMING_NORMAL);
        listener.status(method + " to density " + pai.density() + " on " + spec.architecture().id() + " ("
                + data.train().size() + " examples) ...");
        long t0 = System.nanoTime();
        PruneAtInitResult pruned = new PruneAtInit(compute, net).prune(pai, init, data.train(), norm,
                InitScheme.KAIMING_NORMAL);
        // The weights trained under the mask: the scored init, or SNIP's separate draw (scoreOnTrainedInit = false).
        TensorSet start = pruned.trainInit();
        double pruneSeconds = (System.nanoTime() - t0) / 1e9;
        TensorSet mask = pruned.masks();
        long requested = Math.round(pai.density() * net.prunableCount());
        if (spec.exactCount() && Masks.kept(mask) != requested) {
            throw new IllegalStateException("The mask keeps " + Masks.kept(mask) + " weights but " + requested
                    + " were requested.");
        }
        MaskedTrainer trainer = new MaskedTrainer(compute, net, data, norm, train);
        TrainListener progress = new TrainListener() {
            @Override
            public void onEpoch(EpochMetrics e) {
                listener.epoch(e);
            }
        };
        TrainResult ticket = trainer.train(start, mask, progress);
        Masks.requireMaskedZero(ticket.weights(), mask, "the trained " + pai.method() + " ticket");

        ObjectNode result = SpecCodec.json().createObjectNode();
        result.put("runId", layout.id().toString());
        result.put("dir", layout.dir().toString());
        result.put("method", method);
        result.put("model", spec.architecture().id());
        result.put("requestedDensity", pai.density());
        result.put("achievedDensity", Masks.density(mask));
        result.put("counting", pai.counting().name());
        result.put("requestedKept", pruned.selection().requestedKept());
        result.put("kept", pruned.selection().kept());
        result.put("pruneSeconds", pruneSeconds);
        ArrayNode layers = result.putArray("layers");
        for (LayerCount c : pruned.selection().layers()) {
            ObjectNode l = layers.addObject();
            l.put("name", c.name());
            l.put("size", c.size());
            l.put("requestedKept", c.requestedKept());
            l.put("kept", c.kept());
            l.put("density", c.density());
        }
        if (pai.method() == PaiMethod.SYNFLOW) {
            result.put("rounds", pruned.roundDensities().size());
        }
        putTraining(result.putObject("ticket"), ticket);
        if (spec.controls().contains("shuffle")) {
            Rng rng = Seeds.stream(seed, "pai-shuffle");
            TensorSet shuffled = new RandomPruneStrategy(PruneScope.LAYERWISE, Set.of()).matching(mask, rng).masks();
            requireSameLayerCounts(mask, shuffled);
            listener.status("control shuffle ...");
            ObjectNode o = result.putObject("shuffle");
            putTraining(o, trainer.train(start, shuffled, progress));
            o.put("overlap", Masks.overlap(mask, shuffled).jaccard());
        }
        if (spec.controls().contains("reinit")) {
            TensorSet other = Initialiser.initialise(net, Seeds.derive(seed, "reinit"), InitScheme.KAIMING_NORMAL);
            listener.status("control reinit ...");
            putTraining(result.putObject("reinit"), trainer.train(other, mask, progress));
        }
        if (spec.controls().contains("invert")) {
            listener.status("control invert ...");
            TensorSet inverted = new PruneAtInit(compute, net).pruneInverted(pai, init, data.train(), norm,
                    InitScheme.KAIMING_NORMAL).masks();
            ObjectNode o = result.putObject("invert");
            TrainResult t = trainer.train(start, inverted, progress);
            Masks.requireMaskedZero(t.weights(), inverted, "the trained inverted " + pai.method() + " mask");
            putTraining(o, t);
            o.put("density", Masks.density(inverted));
            o.put("overlap", Masks.overlap(mask, inverted).jaccard());
        }

        RunWriter writer = RunWriter.open(layout);
        writer.spec(SpecCodec.yaml().writeValueAsString(specJson));
        writer.ticket("ticket.npz", new Ticket(mask, start, start, ticket.weights(),
                SpecCodec.json().writeValueAsString(specJson), Map.of("method", method)), TicketFormat.NPZ);
        Map<String, Long> seeds = new LinkedHashMap<>();
        seeds.put("root", seed);
        seeds.put("init", Seeds.derive(seed, "init"));
        seeds.put("train", Seeds.derive(seed, "train"));
        if (pai.redrawXavier()) {
            seeds.put("grasp-xavier", Seeds.derive(seed, "grasp-xavier"));
        }
        if (!pai.scoreOnTrainedInit()) {
            seeds.put("snip-train-init", Seeds.derive(seed, "snip-train-init"));
        }
        writer.manifestIfComputed(true, Manifest.COMPLETE, compute.threads(), seeds, started, compute.settings());
        writer.result(result);
        return new Outcome(layout, result, false);
    }

    /** The layer-wise shuffle keeps every layer's count exactly; anything else would not test per-layer densities. */
    private static void requireSameLayerCounts(TensorSet mask, TensorSet shuffled) {
        for (var t : mask.list()) {
            long a = Masks.kept(t);
            long b = Masks.kept(shuffled.get(t.name()));
            if (a != b) {
                throw new IllegalStateException("The shuffled mask keeps " + b + " weights of " + t.name() + " where the "
                        + "mask keeps " + a + ".");
            }
        }
    }

    private static void putTraining(ObjectNode o, TrainResult r) {
        EpochMetrics last = r.last().orElse(null);
        o.put("testAccuracy", last == null ? Double.NaN : last.testAccuracy());
        o.put("testLoss", last == null ? Double.NaN : last.testLoss());
        o.put("diverged", r.diverged());
        o.put("seconds", r.seconds());
        ArrayNode acc = o.putArray("epochAccuracy");
        for (EpochMetrics e : r.epochs()) {
            acc.add(e.testAccuracy());
        }
    }

    private static DataSplit data(PruneAtInitRunSpec spec) throws IOException {
        long seed = spec.seed();
        if (spec.synthetic()) {
            return DataSplit.of(syntheticImages(seed, "synthetic/train", spec.examples(), "train"),
                    syntheticImages(seed, "synthetic/test", spec.testExamples(), "test"));
        }
        DataSplit full;
        try {
            full = DataHome.system().load(spec.dataset(), spec.dataPath());
        } catch (java.io.FileNotFoundException e) {
            // Not found where it is looked for: a usage error with the one command that fetches it.
            throw new IllegalArgumentException(e.getMessage() + " Or pass --synthetic.", e);
        }
        ImageDataset tr = spec.examples() >= full.train().size() ? full.train()
                : full.train().subset(Subsample.uniform(full.train(), spec.examples(), Seeds.stream(seed, "subsample")));
        ImageDataset te = spec.testExamples() >= full.test().size() ? full.test()
                : full.test().subset(Subsample.uniform(full.test(), spec.testExamples(),
                Seeds.stream(seed, "subsample-test")));
        return DataSplit.of(tr, te);
    }

    /** Ten learnable classes of 28x28 images: a random prototype per class plus Gaussian noise. */
    private static ImageDataset syntheticImages(long seed, String name, int n, String stream) {
        int e = 28 * 28;
        Rng proto = Seeds.stream(seed, "synthetic-prototypes");
        double[][] p = new double[10][e];
        for (double[] row : p) {
            for (int j = 0; j < e; j++) {
                row[j] = proto.uniform(40, 215);
            }
        }
        Rng rng = Seeds.stream(seed, "synthetic", stream.hashCode());
        byte[] pixels = new byte[n * e];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            for (int j = 0; j < e; j++) {
                pixels[i * e + j] = (byte) Math.max(0, Math.min(255, Math.round(p[i % 10][j] + 60 * rng.nextGaussian())));
            }
        }
        return new ImageDataset(name, 1, 28, 28, 10, pixels, labels);
    }
}
