package dev.jackpot.nn.pai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.model.Architecture;
import dev.jackpot.prune.CountingRule;
import dev.jackpot.prune.PruneScope;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code prune-at-init} run (weak-lth.md section 5): the pruning at initialisation ({@link #pruning()}),
 * the architecture, the data, the training under the fixed mask (Adam 1.2e-3, batch 60, {@code epochs}
 * epochs) and the controls to train beside the ticket.
 *
 * @param pruning      method, density, scope and the method's settings
 * @param architecture the network
 * @param examples     training examples (a seeded subsample of Fashion-MNIST, or generated), positive
 * @param testExamples test examples, positive
 * @param epochs       training epochs, positive
 * @param synthetic    generated images of Fashion-MNIST's shape instead of the dataset
 * @param dataset      fashion-mnist, mnist or cifar10 (ignored with {@code synthetic})
 * @param dataPath     the dataset's directory; blank to find it where {@code jackpot data fetch} puts it
 * @param controls     any of {@code shuffle} (layerwise random mask, same per-layer counts),
 *                     {@code reinit} (same mask, new init) and {@code invert} (the method's lowest-ranked weights
 *                     kept, same count, same init)
 */
public record PruneAtInitRunSpec(PruneAtInitSpec pruning, Architecture architecture, int examples, int testExamples,
                                 int epochs, boolean synthetic, String dataset, String dataPath,
                                 List<String> controls) {

    /** The controls a run may train. */
    public static final List<String> CONTROLS = List.of("shuffle", "reinit", "invert");

    /**
     * @throws IllegalArgumentException if a size is not positive or a control is unknown
     */
    public PruneAtInitRunSpec {
        Objects.requireNonNull(pruning, "pruning");
        Objects.requireNonNull(architecture, "architecture");
        if (examples < 1 || testExamples < 1 || epochs < 1) {
            throw new IllegalArgumentException("The training and test examples and the epochs must be positive, got "
                    + examples + ", " + testExamples + " and " + epochs + ".");
        }
        dataset = dataset == null ? "fashion-mnist" : dataset;
        dataPath = dataPath == null ? "" : dataPath;
        if (!dev.jackpot.nn.data.DataHome.DATASETS.contains(dataset)) {
            throw new IllegalArgumentException("dataset must be one of " + dev.jackpot.nn.data.DataHome.DATASETS
                    + ", got '" + dataset + "'.");
        }
        controls = List.copyOf(controls);
        for (String c : controls) {
            if (!CONTROLS.contains(c)) {
                throw new IllegalArgumentException("Unknown control '" + c + "'; known: shuffle, reinit, invert.");
            }
        }
    }

    /**
     * A run on Fashion-MNIST (or synthetic images) found where it is installed.
     *
     * @param pruning      method, density, scope and settings
     * @param architecture the network
     * @param examples     training examples
     * @param testExamples test examples
     * @param epochs       training epochs
     * @param synthetic    generated images instead of the dataset
     * @param controls     the controls to train
     */
    public PruneAtInitRunSpec(PruneAtInitSpec pruning, Architecture architecture, int examples, int testExamples,
                              int epochs, boolean synthetic, List<String> controls) {
        this(pruning, architecture, examples, testExamples, epochs, synthetic, "fashion-mnist", "", controls);
    }

    /** @return the root seed */
    public long seed() {
        return pruning.seed();
    }

    /**
     * The spec as it is hashed into the run id and written to {@code spec.yaml}: settings whose default
     * was added later enter only when they differ from it, so the ids of earlier runs stay valid.
     *
     * @return a JSON object, fields in a fixed order
     */
    public ObjectNode toJson() {
        PruneAtInitSpec p = pruning;
        ObjectNode spec = SpecCodec.json().createObjectNode();
        spec.put("method", p.method().name().toLowerCase(Locale.ROOT));
        spec.put("density", p.density());
        spec.put("model", architecture.id());
        spec.put("scope", p.scope().name());
        spec.put("rounds", p.rounds());
        spec.put("snipBatch", p.batch());
        spec.put("samplesPerClass", p.samplesPerClass());
        spec.put("temperature", p.temperature());
        spec.put("examples", examples);
        spec.put("testExamples", testExamples);
        spec.put("epochs", epochs);
        spec.put("seed", p.seed());
        spec.put("data", synthetic ? "synthetic" : dataset);
        if (!synthetic && !dataPath.isBlank()) {
            spec.put("dataPath", dataPath);
        }
        spec.set("controls", SpecCodec.json().valueToTree(controls));
        if (p.counting() != CountingRule.EXACT) {
            spec.put("counting", p.counting().name());
        }
        if (p.redrawXavier()) {
            spec.put("redrawXavier", true);
        }
        if (!p.scoreOnTrainedInit()) {
            spec.put("scoreOnTrainedInit", false);
        }
        spec.put("optimizer", "adam lr 1.2e-3 batch 60");
        return spec;
    }

    /** @return whether the global mask must keep exactly round(density N) weights */
    boolean exactCount() {
        return pruning.counting() == CountingRule.EXACT && pruning.scope() == PruneScope.GLOBAL;
    }
}
