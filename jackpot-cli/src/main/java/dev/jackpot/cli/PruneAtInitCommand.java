package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.AtomicFiles;
import dev.jackpot.experiment.Manifest;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
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
import dev.jackpot.nn.pai.PaiMethod;
import dev.jackpot.nn.pai.PruneAtInit;
import dev.jackpot.nn.pai.PruneAtInitResult;
import dev.jackpot.nn.pai.PruneAtInitSpec;
import dev.jackpot.nn.train.EpochMetrics;
import dev.jackpot.nn.train.MaskedTrainer;
import dev.jackpot.nn.train.TrainListener;
import dev.jackpot.nn.train.TrainResult;
import dev.jackpot.nn.train.TrainSpec;
import dev.jackpot.prune.CountingRule;
import dev.jackpot.prune.LayerCount;
import dev.jackpot.prune.Masks;
import dev.jackpot.prune.PruneScope;
import dev.jackpot.prune.RandomPruneStrategy;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.TensorSet;
import dev.jackpot.ticket.Ticket;
import dev.jackpot.ticket.TicketFiles;
import dev.jackpot.ticket.TicketFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code jackpot prune-at-init}: SNIP, GraSP, SynFlow, magnitude or random masks at initialisation, then training under them. */
@Command(name = "prune-at-init", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prune a freshly initialised network once (SNIP, GraSP, SynFlow, magnitude or random; weak-lth.md "
                + "section 5), train it under the fixed mask (Adam 1.2e-3, batch 60) and report per-layer densities and "
                + "test accuracy, optionally with the layerwise-shuffle and reinitialisation controls.",
                "Data: Fashion-MNIST from Debian's dataset-fashion-mnist (or JACKPOT_FASHION_MNIST), or --synthetic images. "
                        + "Writes spec.yaml, result.json, manifest.json and ticket.npz to a run directory under --out."})
final class PruneAtInitCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Mixin
    OutputOptions output;

    @Option(names = "--method", required = true, description = "snip, grasp, synflow, magnitude or random.")
    String method;

    @Option(names = "--density", required = true, description = "Fraction of prunable weights kept, in (0, 1].")
    double density;

    @Option(names = "--model", defaultValue = "lenet300", description = "Architecture (default ${DEFAULT-VALUE}; lenet300 = lenet-300-100).")
    String model;

    @Option(names = "--examples", defaultValue = "10000", description = "Training examples, seeded subsample (default ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--test-examples", defaultValue = "10000", description = "Test examples (default ${DEFAULT-VALUE}).")
    int testExamples;

    @Option(names = "--epochs", defaultValue = "2", description = "Training epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Root seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scope", defaultValue = "GLOBAL", description = "GLOBAL or LAYERWISE (default ${DEFAULT-VALUE}).")
    PruneScope scope;

    @Option(names = "--rounds", defaultValue = "100", description = "SynFlow rounds (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--snip-batch", defaultValue = "100", description = "SNIP minibatch (default ${DEFAULT-VALUE}).")
    int snipBatch;

    @Option(names = "--samples-per-class", defaultValue = "10", description = "GraSP examples per class (default ${DEFAULT-VALUE}).")
    int samplesPerClass;

    @Option(names = "--temperature", defaultValue = "200", description = "GraSP temperature (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--counting", defaultValue = "EXACT", description = "How many weights to keep: EXACT "
            + "(round(d N), the default) or a reference's rounding and threshold rule: SYNFLOW (floor((1-d) N) removed, "
            + "ties at the threshold too), SNIP (round(d N) half to even) or GRASP (floor((1-d) N) counted, one fewer "
            + "removed); weak-lth.md 3.2.")
    CountingRule counting;

    @Option(names = "--redraw-xavier", description = "GraSP: score a copy whose Conv and Linear weights are re-drawn "
            + "Xavier normal (the reference's behaviour) and apply the mask to the original init, which is trained.")
    boolean redrawXavier;

    @Option(names = "--score-on-trained-init", arity = "1", defaultValue = "true", paramLabel = "BOOL",
            description = "SNIP: true (default) computes the mask on the init that is then trained; false is the "
                    + "reference's behaviour: train a separate draw (its own derived seed) with zero biases under the mask.")
    boolean scoreOnTrainedInit;

    @Option(names = "--controls", split = ",", description = "Also train the controls: shuffle (layerwise random mask, same per-layer counts), reinit (same mask, new init).")
    List<String> controls = List.of();

    @Option(names = "--synthetic", description = "Use generated images of Fashion-MNIST's shape instead of the dataset.")
    boolean synthetic;

    @Option(names = "--threads", defaultValue = "2", description = "libtorch intra-op threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        PaiMethod m = PaiMethod.parse(method);
        PruneAtInitSpec pai = new PruneAtInitSpec(m, density, scope, rounds, snipBatch, samplesPerClass, temperature, seed,
                counting, redrawXavier, scoreOnTrainedInit);
        Architecture arch = Architecture.parse("lenet300".equalsIgnoreCase(model) ? "lenet-300-100" : model);
        if (examples < 1 || testExamples < 1 || epochs < 1 || threads < 1) {
            throw new IllegalArgumentException("--examples, --test-examples, --epochs and --threads must be positive.");
        }
        for (String c : controls) {
            if (!c.equals("shuffle") && !c.equals("reinit")) {
                throw new IllegalArgumentException("Unknown control '" + c + "'; known: shuffle, reinit.");
            }
        }
        PrintWriter err = commandSpec.commandLine().getErr();
        Instant started = Instant.now();
        DataSplit data = data();
        Network net = arch.create(new int[] {data.train().channels(), data.train().height(), data.train().width()}, data.train().classes());
        Normalisation norm = Normalisation.fit(data.train());
        Compute compute = Compute.cpu(threads);
        TrainSpec train = TrainSpec.adam(1.2e-3, 60, epochs, Seeds.derive(seed, "train"));

        ObjectNode spec = SpecCodec.json().createObjectNode();
        spec.put("method", m.name().toLowerCase(Locale.ROOT));
        spec.put("density", density);
        spec.put("model", arch.id());
        spec.put("scope", scope.name());
        spec.put("rounds", rounds);
        spec.put("snipBatch", snipBatch);
        spec.put("samplesPerClass", samplesPerClass);
        spec.put("temperature", temperature);
        spec.put("examples", examples);
        spec.put("testExamples", testExamples);
        spec.put("epochs", epochs);
        spec.put("seed", seed);
        spec.put("data", synthetic ? "synthetic" : "fashion-mnist");
        spec.set("controls", SpecCodec.json().valueToTree(controls));
        if (counting != CountingRule.EXACT) {
            // Only a non-default rule enters the spec, so the run ids of earlier runs stay valid.
            spec.put("counting", counting.name());
        }
        if (redrawXavier) {
            spec.put("redrawXavier", true);
        }
        if (!scoreOnTrainedInit) {
            spec.put("scoreOnTrainedInit", false);
        }
        spec.put("optimizer", "adam lr 1.2e-3 batch 60");
        RunLayout layout = new RunLayout(output.out, RunId.of("prune-at-init", spec, SpecCodec.json().createObjectNode()));

        if (Files.isRegularFile(layout.result())) {
            // The same spec already finished: report it instead of recomputing (delete the run directory to redo it).
            err.println("prune-at-init: " + layout.dir() + " already holds this run's result; reporting it.");
            err.flush();
            ObjectNode stored = (ObjectNode) SpecCodec.json().readTree(layout.result().toFile());
            return report(stored, net);
        }
        TensorSet init = Initialiser.initialise(net, Seeds.derive(seed, "init"), InitScheme.KAIMING_NORMAL);
        err.println("prune-at-init: " + m.name().toLowerCase(Locale.ROOT) + " to density " + density + " on " + arch.id()
                + " (" + data.train().size() + " examples) ...");
        err.flush();
        long t0 = System.nanoTime();
        PruneAtInitResult pruned = new PruneAtInit(compute, net).prune(pai, init, data.train(), norm,
                InitScheme.KAIMING_NORMAL);
        // The weights trained under the mask: the scored init, or SNIP's separate draw (scoreOnTrainedInit = false).
        TensorSet start = pruned.trainInit();
        double pruneSeconds = (System.nanoTime() - t0) / 1e9;
        TensorSet mask = pruned.masks();
        long requested = Math.round(density * net.prunableCount());
        if (counting == CountingRule.EXACT && scope == PruneScope.GLOBAL && Masks.kept(mask) != requested) {
            throw new IllegalStateException("The mask keeps " + Masks.kept(mask) + " weights but " + requested + " were requested.");
        }
        MaskedTrainer trainer = new MaskedTrainer(compute, net, data, norm, train);
        TrainListener progress = new TrainListener() {
            @Override
            public void onEpoch(EpochMetrics e) {
                err.printf(Locale.ROOT, "prune-at-init: epoch %d test accuracy %.4f%n", e.epoch() + 1, e.testAccuracy());
                err.flush();
            }
        };
        TrainResult ticket = trainer.train(start, mask, progress);
        Masks.requireMaskedZero(ticket.weights(), mask, "the trained " + m + " ticket");

        ObjectNode result = SpecCodec.json().createObjectNode();
        result.put("runId", layout.id().toString());
        result.put("dir", layout.dir().toString());
        result.put("method", m.name().toLowerCase(Locale.ROOT));
        result.put("model", arch.id());
        result.put("requestedDensity", density);
        result.put("achievedDensity", Masks.density(mask));
        result.put("counting", counting.name());
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
        if (m == PaiMethod.SYNFLOW) {
            result.put("rounds", pruned.roundDensities().size());
        }
        putTraining(result.putObject("ticket"), ticket);
        if (controls.contains("shuffle")) {
            Rng rng = Seeds.stream(seed, "pai-shuffle");
            TensorSet shuffled = new RandomPruneStrategy(PruneScope.LAYERWISE, Set.of()).matching(mask, rng).masks();
            err.println("prune-at-init: control shuffle ...");
            putTraining(result.putObject("shuffle"), trainer.train(start, shuffled, progress));
        }
        if (controls.contains("reinit")) {
            TensorSet other = Initialiser.initialise(net, Seeds.derive(seed, "reinit"), InitScheme.KAIMING_NORMAL);
            err.println("prune-at-init: control reinit ...");
            putTraining(result.putObject("reinit"), trainer.train(other, mask, progress));
        }

        Files.createDirectories(layout.dir());
        AtomicFiles.writeString(layout.spec(), SpecCodec.yaml().writeValueAsString(spec));
        Ticket t = new Ticket(mask, start, start, ticket.weights(), SpecCodec.json().writeValueAsString(spec),
                Map.of("method", m.name().toLowerCase(Locale.ROOT)));
        AtomicFiles.write(layout.dir().resolve("ticket.npz"), stream -> TicketFiles.write(t, TicketFormat.NPZ, stream));
        Map<String, Long> seeds = new LinkedHashMap<>();
        seeds.put("root", seed);
        seeds.put("init", Seeds.derive(seed, "init"));
        seeds.put("train", Seeds.derive(seed, "train"));
        if (redrawXavier) {
            seeds.put("grasp-xavier", Seeds.derive(seed, "grasp-xavier"));
        }
        if (!scoreOnTrainedInit) {
            seeds.put("snip-train-init", Seeds.derive(seed, "snip-train-init"));
        }
        AtomicFiles.writeString(layout.manifest(), SpecCodec.json().writeValueAsString(
                Manifest.of(layout.id(), threads, seeds, started, Instant.now())));
        AtomicFiles.writeString(layout.result(), SpecCodec.json().writeValueAsString(result));

        return report(result, net);
    }

    private int report(ObjectNode result, Network net) {
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            OutputOptions.printJson(out, result);
            return ExitCodes.OK;
        }
        out.printf(Locale.ROOT, "%s at density %.4f on %s: achieved %.4f of %d weights, scored in %.1f s%n",
                result.get("method").asText(), result.get("requestedDensity").asDouble(), result.get("model").asText(),
                result.get("achievedDensity").asDouble(), net.prunableCount(), result.get("pruneSeconds").asDouble());
        for (JsonNode c : result.get("layers")) {
            out.printf(Locale.ROOT, "  %-12s %8d of %8d  density %.4f%n", c.get("name").asText(), c.get("kept").asLong(),
                    c.get("size").asLong(), c.get("density").asDouble());
        }
        for (String k : List.of("ticket", "shuffle", "reinit")) {
            if (result.has(k)) {
                out.printf(Locale.ROOT, "%-8s test accuracy %.4f%s%n", k, result.get(k).get("testAccuracy").asDouble(),
                        result.get(k).get("diverged").asBoolean() ? " (diverged)" : "");
            }
        }
        out.println("run: " + result.get("dir").asText());
        out.flush();
        return ExitCodes.OK;
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

    private DataSplit data() throws java.io.IOException {
        if (synthetic) {
            return DataSplit.of(syntheticImages("synthetic/train", examples, "train"), syntheticImages("synthetic/test", testExamples, "test"));
        }
        var dir = FashionMnist.locate();
        if (dir.isEmpty()) {
            throw new IllegalArgumentException("Fashion-MNIST was not found: install Debian's dataset-fashion-mnist, set "
                    + FashionMnist.ENV + ", or pass --synthetic.");
        }
        DataSplit full = FashionMnist.load(dir.get());
        ImageDataset tr = examples >= full.train().size() ? full.train()
                : full.train().subset(Subsample.uniform(full.train(), examples, Seeds.stream(seed, "subsample")));
        ImageDataset te = testExamples >= full.test().size() ? full.test()
                : full.test().subset(Subsample.uniform(full.test(), testExamples, Seeds.stream(seed, "subsample-test")));
        return DataSplit.of(tr, te);
    }

    /** Ten learnable classes of 28x28 images: a random prototype per class plus Gaussian noise. */
    private ImageDataset syntheticImages(String name, int n, String stream) {
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
