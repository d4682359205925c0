package dev.jackpot.nn.pai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.model.Architecture;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The sanity checks of Frankle, Dziugaite, Roy and Carbin ("Pruning neural networks at initialization:
 * why are we missing the mark?", ICLR 2021) for pruning at initialisation: for each method and density,
 * {@code replicates} prune-at-init runs, each training the mask as found beside its layer-wise shuffle
 * (same per-layer counts), its reinitialisation (same mask, new weights) and its inverted scores
 * (the lowest-ranked weights kept).
 *
 * @param methods      the methods, at least one (SNIP, GraSP, SynFlow, magnitude, random)
 * @param densities    the densities, each in (0, 1], at least one, no repeats
 * @param replicates   replicates per (method, density), at least 1; replicate r's seed is
 *                     {@code Seeds.derive(seed, "replicate", r)}
 * @param architecture the network
 * @param examples     training examples (a seeded subsample per replicate)
 * @param testExamples test examples
 * @param epochs       training epochs under each mask
 * @param synthetic    generated images of Fashion-MNIST's shape instead of the dataset
 * @param dataset      fashion-mnist, mnist or cifar10 (ignored with {@code synthetic})
 * @param dataPath     the dataset's directory; blank to find it
 * @param seed         the root seed
 * @param margin       the equivalence margin of the verdicts, in accuracy points (not part of the run id)
 */
public record PaiSanitySpec(List<PaiMethod> methods, List<Double> densities, int replicates, Architecture architecture,
                            int examples, int testExamples, int epochs, boolean synthetic, String dataset,
                            String dataPath, long seed, double margin) {

    /** The variants trained for every (method, density, replicate): the mask as found and the three checks. */
    public static final List<String> VARIANTS = List.of("found", "shuffle", "reinit", "invert");

    public PaiSanitySpec {
        Objects.requireNonNull(architecture, "architecture");
        dataset = dataset == null ? "fashion-mnist" : dataset;
        dataPath = dataPath == null ? "" : dataPath;
        methods = List.copyOf(methods);
        densities = List.copyOf(densities);
        if (methods.isEmpty() || densities.isEmpty()) {
            throw new IllegalArgumentException("Sanity checks need at least one method and one density.");
        }
        if (methods.stream().distinct().count() != methods.size()
                || densities.stream().distinct().count() != densities.size()) {
            throw new IllegalArgumentException("Sanity checks list each method and each density once, got " + methods
                    + " and " + densities + ".");
        }
        for (double d : densities) {
            if (!(d > 0 && d <= 1)) {
                throw new IllegalArgumentException("Every density must lie in (0, 1], got " + d + ".");
            }
        }
        if (replicates < 1 || examples < 1 || testExamples < 1 || epochs < 1) {
            throw new IllegalArgumentException("Replicates, examples, test examples and epochs must be positive, got "
                    + replicates + ", " + examples + ", " + testExamples + " and " + epochs + ".");
        }
        if (!(margin > 0 && margin <= 100)) {
            throw new IllegalArgumentException("The margin is in accuracy points and must lie in (0, 100], got " + margin
                    + ".");
        }
    }

    /** @return the spec as hashed into the study's run id (the margin left out) and written to spec.yaml */
    public ObjectNode toJson() {
        ObjectNode o = SpecCodec.json().createObjectNode();
        ArrayNode m = o.putArray("methods");
        methods.forEach(x -> m.add(x.name().toLowerCase(Locale.ROOT)));
        ArrayNode d = o.putArray("densities");
        densities.forEach(d::add);
        o.put("replicates", replicates);
        o.put("model", architecture.id());
        o.put("examples", examples);
        o.put("testExamples", testExamples);
        o.put("epochs", epochs);
        o.put("data", synthetic ? "synthetic" : dataset);
        if (!synthetic && !dataPath.isBlank()) {
            o.put("dataPath", dataPath);
        }
        o.put("seed", seed);
        return o;
    }
}
