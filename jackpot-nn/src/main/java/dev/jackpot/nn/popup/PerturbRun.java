package dev.jackpot.nn.popup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.AtomicFiles;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.FashionMnist;
import dev.jackpot.plot.Heatmaps;
import dev.jackpot.run.RunLock;
import dev.jackpot.report.Claim;
import dev.jackpot.run.RunWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A {@code perturb} run: the sparsity x eps table of PGD+StrongLTH (Xiong, Liao, Kyrillidis 2023) on
 * Fashion-MNIST ({@link PerturbedStrongLth}), with the paper's two findings checked: (a) a small eps
 * (0 &lt; eps &lt;= 0.03) raises the selected edge-popup accuracy over plain edge-popup (eps = 0); (b) the
 * eps = 0 column, best over s &gt; 0, lies below SGD alone. Writes {@code <root>/perturb-<hash>/} with
 * {@code spec.json}, the accuracy heatmap, {@code report.md}, the manifest and {@code result.json}.
 */
public final class PerturbRun {

    /** The run kind, the prefix of the run id. */
    public static final String KIND = "perturb";

    /** The claims' source in the ledger. */
    static final String SOURCE = "Xiong et al. 2023 (poster table)";

    private PerturbRun() {
    }

    /**
     * @param layout the run directory
     * @param result the object of {@code result.json}, with {@code runDir} and the spec
     * @param report the Markdown of {@code report.md}
     */
    public record Outcome(RunLayout layout, ObjectNode result, String report) {
    }

    /**
     * @param spec     the experiment (its {@code pruned} grid excludes 0: s = 0 is always reported)
     * @param root     the directory of run directories
     * @param compute  where to train
     * @param listener progress by cell
     * @return the outcome
     * @throws IOException if the data cannot be read or a file cannot be written
     */
    public static Outcome run(PerturbSpec spec, Path root, Compute compute, PerturbedStrongLth.Listener listener)
            throws IOException {
        return run(spec, root, compute, listener, null);
    }

    /**
     * @param spec     the experiment (its {@code pruned} grid excludes 0: s = 0 is always reported)
     * @param root     the directory of run directories
     * @param compute  where to train; with an executor, its thread count is pinned for every job
     * @param listener progress by cell
     * @param executor where the cells run as jobs ({@link PerturbJobs}), or null to train them in this JVM
     * @return the outcome
     * @throws IOException if the data cannot be read, a file cannot be written or a job failed
     */
    public static Outcome run(PerturbSpec spec, Path root, Compute compute, PerturbedStrongLth.Listener listener,
                              TaskExecutor executor) throws IOException {
        ObjectNode specJson = SpecCodec.json().valueToTree(spec);
        RunWriter writer = RunWriter.open(new RunLayout(root, RunId.of(KIND, specJson,
                SpecCodec.json().createObjectNode())));
        RunLayout layout = writer.layout();
        Instant started = Instant.now();
        writer.json("spec.json", specJson);
        PerturbedStrongLth.Result r;
        try (RunLock lock = RunLock.acquire(layout.dir())) {
            PerturbedStrongLth lth = new PerturbedStrongLth(compute, spec);
            FileCells store = new FileCells(layout, compute.threads());
            r = executor == null ? lth.run(FashionMnist.load(), store, listener)
                    : PerturbJobs.runAll(lth, compute.threads(), store, listener, executor);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }

        List<Double> es = spec.epsilons();
        List<Double> rows = new ArrayList<>();
        rows.add(0.0);
        rows.addAll(spec.pruned());
        double[][] z = new double[rows.size()][es.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < es.size(); j++) {
                z[i][j] = r.at(es.get(j), rows.get(i)).map(PerturbedStrongLth.Cell::testAccuracy).orElse(Double.NaN);
            }
        }
        writer.plot("accuracy-heatmap", Heatmaps.grid("PGD+StrongLTH test accuracy (" + spec.preset() + ")",
                "eps (L-inf radius)", "sparsity s (fraction pruned; 0 = unpruned PGD)", "test accuracy",
                es.stream().mapToDouble(Double::doubleValue).toArray(),
                rows.stream().mapToDouble(Double::doubleValue).toArray(), z, 0, 1));

        double plain = r.best().isEmpty() ? Double.NaN : r.best().get(0).testAccuracy();
        double bestSmall = r.best().stream().filter(c -> c.eps() > 0 && c.eps() <= 0.03)
                .mapToDouble(PerturbedStrongLth.Cell::testAccuracy).max().orElse(Double.NaN);
        double eps0Top = r.cells().stream().filter(c -> c.eps() == 0 && c.pruned() > 0)
                .mapToDouble(PerturbedStrongLth.Cell::testAccuracy).max().orElse(Double.NaN);
        boolean claimA = es.get(0) == 0 && bestSmall > plain;
        boolean claimB = eps0Top < r.sgdOnly();

        String md = report(spec, r, es, rows, z, plain, bestSmall, eps0Top, claimA, claimB);
        writer.text("report.md", md);

        ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("runDir", layout.dir().toString());
        o.set("spec", specJson);
        ArrayNode cells = o.putArray("cells");
        for (PerturbedStrongLth.Cell c : r.cells()) {
            cells.addObject().put("eps", c.eps()).put("sparsity", c.pruned()).put("testAccuracy", c.testAccuracy())
                    .put("validationLoss", c.validationLoss()).put("maxDeviation", c.maxDeviation());
        }
        ArrayNode best = o.putArray("best");
        for (PerturbedStrongLth.Cell c : r.best()) {
            best.addObject().put("eps", c.eps()).put("sparsity", c.pruned()).put("testAccuracy", c.testAccuracy());
        }
        o.put("sgdOnlyAccuracy", r.sgdOnly());
        o.put("sgdOnlyMaxDeviation", r.sgdOnlyDeviation());
        o.put("smallEpsBeatsPlainEdgePopup", claimA);
        o.put("plainEdgePopupBelowSgdOnly", claimB);
        o.put("seconds", r.seconds());
        List<Claim> claims = List.of(
                new Claim(SOURCE, "A small eps (0 < eps <= 0.03) raises the accuracy of the selected edge-popup "
                        + "ticket over plain edge-popup (eps = 0)", claimA,
                        "best selected test accuracy over 0 < eps <= 0.03", bestSmall, String.format(Locale.ROOT,
                        "plain edge-popup (eps = 0, s selected by validation loss): %.4f; %s preset", plain,
                        spec.preset())),
                new Claim(SOURCE, "Plain edge-popup (eps = 0) lies below SGD only at every sparsity", claimB,
                        "best eps = 0 test accuracy over s > 0", eps0Top, String.format(Locale.ROOT,
                        "SGD only (dense, unconstrained, same budget): %.4f; %s preset", r.sgdOnly(), spec.preset())));
        ArrayNode claimsJson = o.putArray("claims");
        claims.forEach(c -> claimsJson.add(c.toJson()));
        writer.claims("PGD+StrongLTH on Fashion-MNIST (" + spec.preset() + ")", claims);
        writer.manifest(compute.threads(), PopupRun.seeds(spec.seed()), started);
        writer.result(o);
        return new Outcome(layout, o, md);
    }

    /**
     * Finished cells as {@code cells/eps=<eps>_s=<s>.json} (every number as Java's shortest round-trip decimal
     * string, so the kept cell is the computed one bit for bit), written atomically, with the intra-op
     * thread count they were computed at: the cells are bit-reproducible only at the same count.
     */
    static final class FileCells implements PerturbedStrongLth.CellStore {
        private final RunLayout layout;
        private final int threads;

        FileCells(RunLayout layout, int threads) {
            this.layout = layout;
            this.threads = threads;
        }

        static String key(double eps, double pruned) {
            return "eps=" + eps + "_s=" + pruned;
        }

        @Override
        public Optional<PerturbedStrongLth.Cell> load(double eps, double pruned) {
            Path file = layout.cell(key(eps, pruned));
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                JsonNode o = SpecCodec.json().readTree(file.toFile());
                int was = o.path("threads").asInt(-1);
                if (was != threads) {
                    throw new IllegalStateException(file + " was computed with " + was + " intra-op threads and this run "
                            + "has " + threads + "; the cells are bit-reproducible only at one thread count, so resume "
                            + "with JACKPOT_NN_THREADS=" + was + " (or --threads " + was + ").");
                }
                return Optional.of(new PerturbedStrongLth.Cell(number(o, "eps", file), number(o, "pruned", file),
                        number(o, "testAccuracy", file), number(o, "validationLoss", file),
                        number(o, "maxDeviation", file)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the kept cell " + file + "; delete it to recompute the cell.",
                        e);
            }
        }

        @Override
        public void save(PerturbedStrongLth.Cell c) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("eps", Double.toString(c.eps())).put("pruned", Double.toString(c.pruned()))
                    .put("testAccuracy", Double.toString(c.testAccuracy()))
                    .put("validationLoss", Double.toString(c.validationLoss()))
                    .put("maxDeviation", Double.toString(c.maxDeviation())).put("threads", threads);
            try {
                Files.createDirectories(layout.cells());
                AtomicFiles.writeString(layout.cell(key(c.eps(), c.pruned())), o.toPrettyString());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot keep the finished cell (eps " + c.eps() + ", s " + c.pruned()
                        + ") in " + layout.cells() + ": " + e.getMessage(), e);
            }
        }

        private static double number(JsonNode o, String field, Path file) throws IOException {
            JsonNode v = o.get(field);
            if (v == null || !v.isTextual()) {
                throw new IOException(file + " has no " + field);
            }
            try {
                return Double.parseDouble(v.asText());
            } catch (NumberFormatException e) {
                throw new IOException(file + " has a malformed " + field + ": '" + v.asText() + "'", e);
            }
        }
    }

    private static String report(PerturbSpec spec, PerturbedStrongLth.Result r, List<Double> es, List<Double> rows,
                                 double[][] z, double plain, double bestSmall, double eps0Top, boolean claimA,
                                 boolean claimB) {
        StringBuilder md = new StringBuilder();
        md.append("# PGD+StrongLTH on Fashion-MNIST (").append(spec.preset()).append(")\n\n");
        md.append(String.format(Locale.ROOT, "MLP 784-%s-10 without biases, %d training examples (+%d validation), "
                        + "%d test, PGD %d epochs (lr %s, momentum 0.9, cosine), edge-popup %d epochs per cell (lr 0.1, "
                        + "momentum 0.9, wd 5e-4, cosine), seed %d. Test accuracy; rows s = fraction pruned (s = 0: the "
                        + "unpruned PGD network), columns eps.%n%n",
                spec.hidden().stream().map(String::valueOf).collect(Collectors.joining("-")), spec.examples(),
                spec.validation(), spec.testExamples(), spec.pgdEpochs(), spec.pgdLr(), spec.popupEpochs(), spec.seed()));
        md.append(table(es, rows, z, r));
        md.append("| ‖W−W0‖∞ |");
        for (double e : es) {
            md.append(String.format(Locale.ROOT, " %.3g |",
                    r.at(e, 0.0).map(PerturbedStrongLth.Cell::maxDeviation).orElse(Double.NaN)));
        }
        md.append("\n\nBold: the s each eps selects by validation loss; the last row is the largest weight change PGD "
                + "made.\n");
        md.append(String.format(Locale.ROOT, "%nSGD only (unconstrained dense, same budget): %.4f, reaching ‖W−W0‖∞ = "
                + "%.3g. Wall time %.0f s.%n%n", r.sgdOnly(), r.sgdOnlyDeviation(), r.seconds()));
        md.append(String.format(Locale.ROOT, "- (a) a small eps (0 < eps <= 0.03) raises the selected edge-popup "
                + "accuracy over plain edge-popup (eps = 0): %.4f vs %.4f: %s%n", bestSmall, plain,
                claimA ? "reproduced" : "NOT reproduced"));
        md.append(String.format(Locale.ROOT, "- (b) the eps = 0 column (best over s > 0) lies below SGD only: %.4f vs "
                + "%.4f: %s%n", eps0Top, r.sgdOnly(), claimB ? "reproduced" : "NOT reproduced"));
        return md.toString();
    }

    /** The Markdown table: rows s (0 first), columns eps, the cell each eps selects in bold. */
    private static String table(List<Double> es, List<Double> rows, double[][] z, PerturbedStrongLth.Result r) {
        StringBuilder t = new StringBuilder("| s \\ eps |");
        StringBuilder sep = new StringBuilder("|---|");
        for (double e : es) {
            t.append(' ').append(e).append(" |");
            sep.append("---|");
        }
        t.append('\n').append(sep).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            t.append("| ").append(rows.get(i)).append(" |");
            for (int j = 0; j < es.size(); j++) {
                double eps = es.get(j);
                double s = rows.get(i);
                boolean picked = r.best().stream().anyMatch(c -> c.eps() == eps && c.pruned() == s);
                t.append(String.format(Locale.ROOT, picked ? " **%.3f** |" : " %.3f |", z[i][j]));
            }
            t.append('\n');
        }
        return t.toString();
    }
}
