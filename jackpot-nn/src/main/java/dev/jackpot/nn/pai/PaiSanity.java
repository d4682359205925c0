package dev.jackpot.nn.pai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.Compute;
import dev.jackpot.plot.Charts;
import dev.jackpot.prune.CountingRule;
import dev.jackpot.prune.PruneScope;
import dev.jackpot.report.Claim;
import dev.jackpot.report.Figure;
import dev.jackpot.report.Report;
import dev.jackpot.report.Table;
import dev.jackpot.rng.Seeds;
import dev.jackpot.run.RunWriter;
import dev.jackpot.stats.MeanDifference;
import dev.jackpot.stats.Sample;
import dev.jackpot.stats.Verdict;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the sanity checks of {@link PaiSanitySpec} and judges them. Every (method, density, replicate)
 * is an ordinary {@link PruneAtInitRun} with the controls {@code shuffle}, {@code reinit} and
 * {@code invert} (found by its id and not recomputed when it exists), so a study resumes cell by cell;
 * the study's own directory {@code prune-at-init-sanity-<hash>} holds the plots, the table, the claims
 * and the report.
 *
 * <p>Claims per method, after Frankle et al. (ICLR 2021), each judged at every density by the paired 90%
 * interval over replicates on (check - found) accuracy against the margin ({@link Verdict}): "shuffling
 * the mask within each layer does not lower accuracy" and "reinitialising the weights under the mask does
 * not lower accuracy". A check that matches or beats the mask as found at every density reproduces the
 * claim (only the per-layer densities matter); one that is worse at some density does not; anything
 * else is inconclusive. Inverted scores are tabulated with their intervals but not asserted.
 */
public final class PaiSanity {

    /** The run kind of the study's directory. */
    public static final String KIND = "prune-at-init-sanity";

    private PaiSanity() {
    }

    /** Progress, one cell at a time. */
    public interface Listener extends PruneAtInitRun.Listener {
        /** Does nothing. */
        Listener NONE = new Listener() {
        };

        /**
         * @param done  cells finished (computed or found)
         * @param total cells in the study
         * @param what  the cell just finished, e.g. {@code snip 0.05 replicate 2}
         */
        default void cellFinished(int done, int total, String what) {
        }
    }

    /**
     * @param layout  the study's directory
     * @param cells   one row per (method, density, replicate): accuracy of each variant
     * @param claims  two per method
     * @param computed cells computed by this call (the others were found)
     */
    public record Result(RunLayout layout, List<Cell> cells, List<Claim> claims, int computed) {
    }

    /**
     * @param method    the method
     * @param density   the density
     * @param replicate the replicate
     * @param runDir    the cell's prune-at-init run directory
     * @param accuracy  test accuracy of each variant, keyed as {@link PaiSanitySpec#VARIANTS}
     */
    public record Cell(PaiMethod method, double density, int replicate, String runDir, Map<String, Double> accuracy) {
    }

    /**
     * @param spec the study
     * @return {@code prune-at-init-sanity-<hash of the spec without its margin>}
     */
    public static RunId id(PaiSanitySpec spec) {
        return RunId.of(KIND, spec.toJson(), SpecCodec.json().createObjectNode());
    }

    /**
     * @param spec      the study
     * @param method    a method
     * @param density   a density
     * @param replicate a replicate
     * @return the cell's prune-at-init run (GLOBAL scope, exact counts, the method's default settings)
     */
    public static PruneAtInitRunSpec cell(PaiSanitySpec spec, PaiMethod method, double density, int replicate) {
        PruneAtInitSpec p = new PruneAtInitSpec(method, density, PruneScope.GLOBAL, PruneAtInitSpec.DEFAULT_ROUNDS, 100,
                10, 200, Seeds.derive(spec.seed(), "replicate", replicate), CountingRule.EXACT, false, true);
        return new PruneAtInitRunSpec(p, spec.architecture(), spec.examples(), spec.testExamples(), spec.epochs(),
                spec.synthetic(), spec.dataset(), spec.dataPath(), List.of("shuffle", "reinit", "invert"));
    }

    /**
     * Runs (or resumes) every cell and writes the study.
     *
     * @param spec     the study
     * @param root     the directory holding runs
     * @param compute  where to compute (libtorch threads, sparse-engine threshold)
     * @param listener progress
     * @return the cells and claims
     * @throws IOException if data cannot be read or a file written
     */
    public static Result run(PaiSanitySpec spec, Path root, Compute compute, Listener listener) throws IOException {
        int threads = compute.threads();
        Instant started = Instant.now();
        RunLayout layout = new RunLayout(root, id(spec));
        List<Cell> cells = new ArrayList<>();
        int total = spec.methods().size() * spec.densities().size() * spec.replicates();
        int computed = 0;
        for (PaiMethod m : spec.methods()) {
            for (double d : spec.densities()) {
                for (int r = 0; r < spec.replicates(); r++) {
                    PruneAtInitRun.Outcome o = PruneAtInitRun.run(cell(spec, m, d, r), root, compute, listener);
                    computed += o.cached() ? 0 : 1;
                    Map<String, Double> acc = new LinkedHashMap<>();
                    acc.put("found", o.result().path("ticket").path("testAccuracy").asDouble(Double.NaN));
                    for (String v : PaiSanitySpec.VARIANTS.subList(1, 4)) {
                        acc.put(v, o.result().path(v).path("testAccuracy").asDouble(Double.NaN));
                    }
                    cells.add(new Cell(m, d, r, o.layout().dir().toString(), acc));
                    listener.cellFinished(cells.size(), total, String.format(Locale.ROOT, "%s %s replicate %d",
                            m.name().toLowerCase(Locale.ROOT), d, r));
                }
            }
        }
        List<Claim> claims = claims(spec, cells);
        write(RunWriter.open(layout), spec, cells, claims, threads, started, computed);
        return new Result(layout, cells, claims, computed);
    }

    /** The interval on (variant - found) over the replicates of one (method, density). */
    static MeanDifference difference(List<Cell> cells, PaiMethod m, double d, String variant) {
        List<Cell> cs = cells.stream().filter(c -> c.method() == m && c.density() == d).toList();
        double[] v = cs.stream().mapToDouble(c -> c.accuracy().get(variant)).toArray();
        double[] f = cs.stream().mapToDouble(c -> c.accuracy().get("found")).toArray();
        return MeanDifference.paired(v, f, Verdict.CONFIDENCE);
    }

    /** Two claims per method, as the class comment says. */
    static List<Claim> claims(PaiSanitySpec spec, List<Cell> cells) {
        List<Claim> out = new ArrayList<>();
        for (PaiMethod m : spec.methods()) {
            String name = m.name().toLowerCase(Locale.ROOT);
            for (String check : List.of("shuffle", "reinit")) {
                String text = check.equals("shuffle")
                        ? "Shuffling " + name + "'s mask within each layer does not lower accuracy (only per-layer "
                        + "densities matter)"
                        : "Reinitialising the weights under " + name + "'s mask does not lower accuracy";
                int ok = 0;
                int worse = 0;
                double worst = Double.POSITIVE_INFINITY;
                List<String> parts = new ArrayList<>();
                for (double d : spec.densities()) {
                    Verdict v = Verdict.judge(difference(cells, m, d, check), spec.margin() / 100);
                    ok += v.matchesOrBetter() ? 1 : 0;
                    worse += v.outcome() == Verdict.Outcome.WORSE ? 1 : 0;
                    worst = Math.min(worst, 100 * v.interval().estimate());
                    parts.add(String.format(Locale.ROOT, "density %s: %s", fmt(d), v.sentence(check + " - found", 100,
                            "points")));
                }
                Claim.Status status = worse > 0 ? Claim.Status.NOT_REPRODUCED
                        : ok == spec.densities().size() ? Claim.Status.REPRODUCED : Claim.Status.INCONCLUSIVE;
                out.add(new Claim("Frankle et al. 2021", text, status, "least (" + check + " - found) accuracy over "
                        + "densities, points", worst, String.join("; ", parts) + "."));
            }
        }
        return out;
    }

    private static void write(RunWriter writer, PaiSanitySpec spec, List<Cell> cells, List<Claim> claims, int threads,
                              Instant started, int computed) throws IOException {
        List<Figure> figures = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (PaiMethod m : spec.methods()) {
            String name = m.name().toLowerCase(Locale.ROOT);
            List<Charts.Band> bands = new ArrayList<>();
            for (String v : PaiSanitySpec.VARIANTS) {
                double[] x = new double[spec.densities().size()];
                double[] mean = new double[x.length];
                double[] sd = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    double d = spec.densities().get(i);
                    double[] a = cells.stream().filter(c -> c.method() == m && c.density() == d)
                            .mapToDouble(c -> 100 * c.accuracy().get(v)).toArray();
                    x[i] = 100 * d;
                    mean[i] = Sample.mean(a);
                    sd[i] = Sample.std(a);
                    MeanDifference diff = v.equals("found") ? null : difference(cells, m, d, v);
                    Verdict verdict = diff == null ? null : Verdict.judge(diff, spec.margin() / 100);
                    rows.add(List.of(name, fmt(d), v, String.format(Locale.ROOT, "%.2f", mean[i]),
                            Double.isNaN(sd[i]) ? "-" : String.format(Locale.ROOT, "%.2f", sd[i]),
                            diff == null ? "" : String.format(Locale.ROOT, "%+.2f", 100 * diff.estimate()),
                            diff == null || !diff.hasInterval() ? "" : String.format(Locale.ROOT, "[%+.2f, %+.2f]",
                                    100 * diff.lower(), 100 * diff.upper()),
                            verdict == null ? "" : verdict.outcome().label()));
                }
                bands.add(new Charts.Band(v, x, mean, sd));
            }
            writer.plot("sanity-" + name, Charts.bands(name + ": the mask as found and its sanity checks",
                    "density % (log)", "test accuracy % (mean +/- std over " + spec.replicates() + " replicates)", true,
                    false, bands));
            figures.add(new Figure("sanity-" + name, "Test accuracy of " + name + "'s mask as found, shuffled within "
                    + "each layer, reinitialised and with inverted scores, against density."));
        }
        Table table = new Table("Accuracy per method, density and variant; difference to the mask as found (paired "
                + "90% interval over replicates) and its verdict against the margin of " + fmt(spec.margin()) + " points",
                List.of("method", "density", "variant", "accuracy %", "std", "- found", "90% CI", "verdict"), rows);
        String yaml = SpecCodec.yaml().writeValueAsString(spec.toJson().put("margin", spec.margin()));
        long reproduced = claims.stream().filter(Claim::reproduced).count();
        Report report = new Report("Sanity checks for pruning at initialisation (Frankle et al. 2021)",
                String.format(Locale.ROOT, "%s on %s (%d training examples, %d epochs) at densities %s, %d replicates "
                                + "per cell: the mask as found against its layer-wise shuffle, its reinitialisation and "
                                + "its inverted scores. %d of %d claims reproduced.", spec.architecture().id(),
                        spec.synthetic() ? "synthetic images" : spec.dataset(), spec.examples(), spec.epochs(),
                        spec.densities(), spec.replicates(), reproduced, claims.size()),
                yaml, figures, List.of(table), claims,
                Map.of("run id", writer.layout().id().toString(), "cells computed by the last call",
                        Integer.toString(computed)));
        Map<String, Long> seeds = new LinkedHashMap<>();
        seeds.put("root", spec.seed());
        for (int r = 0; r < spec.replicates(); r++) {
            seeds.put("replicate-" + r, Seeds.derive(spec.seed(), "replicate", r));
        }
        writer.finishStudy(report, result -> {
            ArrayNode cs = result.putArray("cells");
            for (Cell c : cells) {
                ObjectNode o = cs.addObject().put("method", c.method().name().toLowerCase(Locale.ROOT))
                        .put("density", c.density()).put("replicate", c.replicate()).put("runDir", c.runDir());
                c.accuracy().forEach(o::put);
            }
        }, computed > 0, threads, seeds, started);
    }

    private static String fmt(double d) {
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
}
