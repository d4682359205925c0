package dev.jackpot.nn.popup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.FashionMnist;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.data.Subsample;
import dev.jackpot.nn.model.Architecture;
import dev.jackpot.nn.model.Mlp;
import dev.jackpot.nn.model.Network;
import dev.jackpot.rng.Seeds;
import dev.jackpot.run.RunWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code popup} run: edge-popup (Ramanujan et al., CVPR 2020) on a class-balanced Fashion-MNIST subsample,
 * with the paper's optimiser ({@link PopupSpec#paper}: SGD lr 0.1, momentum 0.9, weight decay 5e-4, cosine,
 * batch 128). Writes {@code <root>/popup-<hash>/} with {@code spec.json}, the manifest, {@code report.md} and
 * {@code result.json} (test accuracy and loss, kept weights per layer).
 */
public final class PopupRun {

    /** The run kind, the prefix of the run id. */
    public static final String KIND = "popup";

    private PopupRun() {
    }

    /**
     * @param model    {@code mlp} (784-300-100-10) or an {@link Architecture} id (conv-2, conv-4, conv-6)
     * @param keep     fraction of weights kept in every layer, in (0, 1]
     * @param examples training examples, class-balanced, in [10, 60000]
     * @param epochs   epochs, positive
     * @param init     the frozen random weights' distribution
     * @param seed     root seed; weights, scores, data order and the subsample derive from it by name
     */
    public record Spec(String model, double keep, int examples, int epochs, WeightInit init, long seed) {

        /**
         * @throws IllegalArgumentException with a full-sentence message naming the field and the value
         */
        public Spec {
            if (examples < 10 || examples > 60000) {
                throw new IllegalArgumentException("--examples must be between 10 and 60000, got " + examples + ".");
            }
            if (init == null) {
                throw new IllegalArgumentException("init is required.");
            }
        }

        /** @return a fresh network of {@link #model} on 1x28x28 images and 10 classes */
        public Network network() {
            return model.equalsIgnoreCase("mlp") ? new Mlp("mlp-300-100", new int[] {1, 28, 28}, new int[] {300, 100}, 10)
                    : Architecture.parse(model).create(new int[] {1, 28, 28}, 10);
        }

        /** @return the training settings (the paper's optimiser; validates {@link #keep} and {@link #epochs}) */
        public PopupSpec popupSpec() {
            return PopupSpec.paper(keep, 128, epochs, Seeds.derive(seed, "data-order"));
        }

        /** @return the spec as {@code spec.json} holds it, the optimiser settings included; its hash is the run id */
        public ObjectNode toJson() {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("model", network().name()).put("keep", keep).put("examples", examples).put("epochs", epochs)
                    .put("init", init.name()).put("seed", seed).put("lr", 0.1).put("momentum", 0.9)
                    .put("weightDecay", 5e-4).put("schedule", "cosine").put("batchSize", 128);
            return o;
        }
    }

    /**
     * @param layout   the run directory
     * @param result   the object of {@code result.json}, with {@code runDir}
     * @param network  the network's name
     * @param kept     weights kept, over every prunable tensor
     * @param prunable prunable weights
     * @param popup    the training result
     */
    public record Outcome(RunLayout layout, ObjectNode result, String network, long kept, long prunable,
                          PopupResult popup) {
    }

    /**
     * @param spec     the run
     * @param root     the directory of run directories
     * @param compute  where to train
     * @param listener progress
     * @return the outcome; {@code popup().diverged()} says whether training stopped on a non-finite loss
     * @throws IOException if the data cannot be read or a file cannot be written
     */
    public static Outcome run(Spec spec, Path root, Compute compute, PopupListener listener) throws IOException {
        Network net = spec.network();
        PopupSpec popupSpec = spec.popupSpec();
        DataSplit full = FashionMnist.load();
        DataSplit data = DataSplit.of(full.train().subset(Subsample.balanced(full.train(), spec.examples(),
                Seeds.stream(spec.seed(), "popup-train"))), full.test());
        ObjectNode specJson = spec.toJson();
        RunWriter writer = RunWriter.open(new RunLayout(root, RunId.of(KIND, specJson,
                SpecCodec.json().createObjectNode())));
        RunLayout layout = writer.layout();
        Instant started = Instant.now();
        writer.json("spec.json", specJson);
        long seed = spec.seed();
        EdgePopup ep = new EdgePopup(compute, net, data, Normalisation.fit(data.train()), popupSpec);
        PopupResult r = ep.train(EdgePopup.randomWeights(net, Seeds.derive(seed, "weights"), spec.init()),
                EdgePopup.initialScores(net, Seeds.derive(seed, "scores")), listener);
        ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("runDir", layout.dir().toString());
        o.put("model", net.name()).put("keep", spec.keep()).put("testAccuracy", r.test().accuracy())
                .put("testLoss", r.test().loss());
        o.put("diverged", r.diverged().isPresent()).put("seconds", r.seconds());
        ObjectNode keptPerLayer = o.putObject("keptPerLayer");
        long kept = 0;
        for (Map.Entry<String, Integer> e : r.keptCounts().entrySet()) {
            keptPerLayer.put(e.getKey(), e.getValue());
            kept += e.getValue();
        }
        o.put("kept", kept).put("prunable", net.prunableCount());
        writer.manifest(compute.threads(), seeds(seed), started);
        writer.text("report.md", String.format(Locale.ROOT,
                "# Edge-popup %s, k = %s kept per layer%n%nFashion-MNIST, %d training examples, %d epochs, seed %d, "
                        + "%s weights.%n%nTest accuracy %.4f (loss %.4f); %d of %d weights kept; %.1f s.%n",
                net.name(), spec.keep(), spec.examples(), spec.epochs(), seed, spec.init(), r.test().accuracy(),
                r.test().loss(), kept, net.prunableCount(), r.seconds()));
        writer.result(o);
        return new Outcome(layout, o, net.name(), kept, net.prunableCount(), r);
    }

    /**
     * @param seed the root seed
     * @return the seeds a popup or perturb run derives, for its manifest
     */
    static Map<String, Long> seeds(long seed) {
        return Map.of("seed", seed, "weights", Seeds.derive(seed, "weights"), "scores", Seeds.derive(seed, "scores"),
                "data-order", Seeds.derive(seed, "data-order"));
    }
}
