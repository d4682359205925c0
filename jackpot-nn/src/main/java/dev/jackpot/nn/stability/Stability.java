package dev.jackpot.nn.stability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.AtomicFiles;
import dev.jackpot.experiment.FileLevelStore;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.lottery.Lottery;
import dev.jackpot.nn.lottery.LotteryListener;
import dev.jackpot.nn.lottery.LotterySpec;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.train.Checkpoint;
import dev.jackpot.nn.train.MaskedTrainer;
import dev.jackpot.nn.train.OptimizerState;
import dev.jackpot.nn.train.TrainListener;
import dev.jackpot.nn.train.TrainResult;
import dev.jackpot.plot.Charts;
import dev.jackpot.prune.BranchResult;
import dev.jackpot.prune.Masks;
import dev.jackpot.report.Claim;
import dev.jackpot.report.Figure;
import dev.jackpot.report.Report;
import dev.jackpot.report.Table;
import dev.jackpot.rng.Seeds;
import dev.jackpot.run.RunWriter;
import dev.jackpot.stats.MeanDifference;
import dev.jackpot.stats.Sample;
import dev.jackpot.stats.Verdict;
import dev.jackpot.tensor.TensorSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Runs the instability analysis of {@link StabilitySpec} and judges Frankle et al.'s (ICML 2020)
 * findings on its data.
 *
 * <p>Per replicate r (its initialisation {@code theta_0} is the lottery's), step k and level L: the dense
 * network is trained from {@code theta_0} to step k under the data order {@code Seeds.derive(repSeed,
 * "stability-order")} (once per r and k), masked by level L's ticket mask, and trained from k to the end
 * twice, with the orders {@code "stability-copy-a"} and {@code "stability-copy-b"}, with a fresh optimiser
 * state (pruned weights start with zero moments, as OpenLTH's rewinding). The test error is evaluated at
 * the alphas of {@link LinearPath}; the barrier is its maximum minus the mean of the endpoints. Each cell is
 * written to {@code cells/} as it finishes, so a stopped study resumes at the first missing cell.
 *
 * <p>Claims, each judged by a 90% interval over replicates: (1) the dense network is stable at k = 0
 * (interval on its barrier below {@code stableBelow}); (2) subnetworks that are stable (barrier interval below
 * {@code stableBelow}) match the dense network rewound to the same k (paired verdict on the copies' mean test
 * accuracy against the lottery's margin: matches or better); (3) subnetworks that are unstable (interval
 * above {@code stableBelow}) do not match (worse). A claim whose cells the grid does not contain, or whose
 * condition no cell meets, is not tested.
 */
public final class Stability {

    /** The run kind of the study's directory. */
    public static final String KIND = "stability";

    private Stability() {
    }

    /** Progress, one cell at a time. */
    public interface Listener {
        /** Does nothing. */
        Listener NONE = new Listener() {
        };

        /**
         * @param done  cells finished
         * @param total cells in the study
         * @param what  e.g. {@code rep 0 level 3 k 100: barrier 0.4 points}
         */
        default void cellFinished(int done, int total, String what) {
        }
    }

    /**
     * One (replicate, level, k).
     *
     * @param replicate the lottery replicate
     * @param level     the IMP level (0 dense)
     * @param density   the mask's density
     * @param k         the rewinding step
     * @param errors    test error (fraction) at each alpha of the path
     * @param accuracyA test accuracy of the first copy
     * @param accuracyB of the second
     */
    public record Cell(int replicate, int level, double density, long k, double[] errors, double accuracyA,
                       double accuracyB) {

        /** Copies the errors. */
        public Cell {
            errors = errors.clone();
        }

        /** @return the error barrier, in points */
        public double barrierPoints() {
            return 100 * LinearPath.barrier(errors);
        }

        /** @return the copies' mean test accuracy */
        public double accuracy() {
            return (accuracyA + accuracyB) / 2;
        }

        ObjectNode toJson() {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("replicate", replicate).put("level", level).put("density", density).put("k", k)
                    .put("barrier", LinearPath.barrier(errors)).put("accuracyA", accuracyA).put("accuracyB", accuracyB);
            ArrayNode e = o.putArray("errors");
            for (double x : errors) {
                e.add(x);
            }
            return o;
        }

        static Cell of(JsonNode o) {
            double[] e = new double[o.get("errors").size()];
            for (int i = 0; i < e.length; i++) {
                e[i] = o.get("errors").get(i).asDouble();
            }
            return new Cell(o.get("replicate").asInt(), o.get("level").asInt(), o.get("density").asDouble(),
                    o.get("k").asLong(), e, o.get("accuracyA").asDouble(), o.get("accuracyB").asDouble());
        }
    }

    /**
     * @param layout   the study's directory
     * @param cells    every cell, by replicate, k, level
     * @param claims   the three claims
     * @param computed cells computed by this call
     */
    public record Result(RunLayout layout, List<Cell> cells, List<Claim> claims, int computed) {
    }

    /**
     * @param spec the study
     * @return {@code stability-<hash>}
     */
    public static RunId id(StabilitySpec spec) {
        return RunId.of(KIND, spec.toJson(), SpecCodec.json().createObjectNode());
    }

    /**
     * Runs (or resumes) the lottery, then every missing cell, and writes the study.
     *
     * @param spec     the study
     * @param root     the runs directory
     * @param compute  where to train
     * @param lottery  progress of the lottery part
     * @param listener progress of the cells
     * @return the cells and claims
     * @throws IOException if data cannot be read or a file written
     */
    public static Result run(StabilitySpec spec, Path root, Compute compute, LotteryListener lottery, Listener listener)
            throws IOException {
        Instant started = Instant.now();
        LotterySpec ls = spec.lottery();
        Lottery.Result lr = Lottery.run(ls, root, compute, lottery);
        RunLayout layout = new RunLayout(root, id(spec));
        Path cellDir = layout.dir().resolve("cells");
        DataSplit data = Lottery.load(ls);
        Network network = ls.architecture().create(new int[] {data.train().channels(), data.train().height(),
                data.train().width()}, data.train().classes());
        Normalisation norm = Normalisation.fit(data.train());
        // Evaluates every point of every path; its own data order is never used.
        MaskedTrainer eval = new MaskedTrainer(compute, network, data, norm, ls.trainSpec(0));
        long total = eval.totalSteps();
        for (long k : spec.ks()) {
            if (k > total) {
                throw new IllegalArgumentException("k = " + k + " is past the end of training (" + total + " steps).");
            }
        }
        String specJson = SpecCodec.json().writeValueAsString(Lottery.CODEC.toTree(ls));
        List<Cell> cells = new ArrayList<>();
        int cellsTotal = spec.replicates() * spec.ks().size() * spec.levels().size();
        int computed = 0;
        double[] alphas = LinearPath.alphas(spec.points());
        for (int r = 0; r < spec.replicates(); r++) {
            long repSeed = Seeds.derive(ls.seed(), "replicate", r);
            FileLevelStore store = new FileLevelStore(lr.layout().levels(r), specJson);
            TensorSet init = store.ticket(0, BranchResult.MAIN).initialWeights();
            Map<Long, Checkpoint> rewound = new HashMap<>();
            for (long k : spec.ks()) {
                for (int level : spec.levels()) {
                    Path file = cellDir.resolve(String.format(Locale.ROOT, "rep-%d-k-%d-level-%d.json", r, k, level));
                    Cell cell;
                    if (Files.isRegularFile(file)) {
                        cell = Cell.of(SpecCodec.json().readTree(file.toFile()));
                    } else {
                        TensorSet mask = level == 0 ? TensorSet.of(List.of()) : store.ticket(level, BranchResult.MAIN).masks();
                        Checkpoint atK = rewound.computeIfAbsent(k, kk -> denseTo(compute, network, data, norm, ls,
                                init, kk, Seeds.derive(repSeed, "stability-order")));
                        Checkpoint start = new Checkpoint(k, Masks.applied(atK.weights(), mask), OptimizerState.fresh());
                        TrainResult a = copy(compute, network, data, norm, ls, start, mask, total,
                                Seeds.derive(repSeed, "stability-copy-a"));
                        TrainResult b = copy(compute, network, data, norm, ls, start, mask, total,
                                Seeds.derive(repSeed, "stability-copy-b"));
                        LinearPath path = new LinearPath(a.weights(), b.weights(), mask);
                        double[] errors = new double[alphas.length];
                        for (int i = 0; i < alphas.length; i++) {
                            errors[i] = 1 - eval.evaluate(path.at(alphas[i]), mask, data.test()).accuracy();
                        }
                        double density = level == 0 ? 1.0 : Masks.density(mask);
                        cell = new Cell(r, level, density, k, errors, 1 - errors[0], 1 - errors[errors.length - 1]);
                        AtomicFiles.writeString(file, SpecCodec.json().writeValueAsString(cell.toJson()));
                        computed++;
                    }
                    cells.add(cell);
                    listener.cellFinished(cells.size(), cellsTotal, String.format(Locale.ROOT,
                            "rep %d k %d level %d: barrier %.2f points", r, k, level, cell.barrierPoints()));
                }
            }
        }
        List<Claim> claims = claims(spec, cells);
        write(RunWriter.open(layout), spec, cells, claims, compute.threads(), started, computed);
        return new Result(layout, cells, claims, computed);
    }

    private static Checkpoint denseTo(Compute compute, Network network, DataSplit data, Normalisation norm,
                                      LotterySpec ls, TensorSet init, long k, long seed) {
        if (k == 0) {
            return Checkpoint.initial(init);
        }
        MaskedTrainer t = new MaskedTrainer(compute, network, data, norm, ls.trainSpec(seed));
        return t.train(Checkpoint.initial(init), TensorSet.of(List.of()), k, OptionalLong.empty(), TrainListener.NONE)
                .finalState();
    }

    private static TrainResult copy(Compute compute, Network network, DataSplit data, Normalisation norm,
                                    LotterySpec ls, Checkpoint start, TensorSet mask, long total, long seed) {
        MaskedTrainer t = new MaskedTrainer(compute, network, data, norm, ls.trainSpec(seed));
        TrainResult r = t.train(start, mask, total, OptionalLong.empty(), TrainListener.NONE);
        Masks.requireMaskedZero(r.weights(), mask, "a stability copy");
        return r;
    }

    /** Barriers (points) of one (level, k), in replicate order. */
    private static double[] barriers(List<Cell> cells, int level, long k) {
        return cells.stream().filter(c -> c.level() == level && c.k() == k).mapToDouble(Cell::barrierPoints).toArray();
    }

    private static double[] accuracies(List<Cell> cells, int level, long k) {
        return cells.stream().filter(c -> c.level() == level && c.k() == k).mapToDouble(Cell::accuracy).toArray();
    }

    /** The 90% interval on a (level, k)'s mean barrier, in points. */
    static MeanDifference barrier(List<Cell> cells, int level, long k) {
        double[] b = barriers(cells, level, k);
        return MeanDifference.paired(b, new double[b.length], Verdict.CONFIDENCE);
    }

    /** stable: +1, unstable: -1, undecided: 0. */
    private static int stability(MeanDifference b, double stableBelow) {
        if (!b.hasInterval()) {
            return 0;
        }
        return b.upper() < stableBelow ? 1 : b.lower() >= stableBelow ? -1 : 0;
    }

    /** The three claims of the class comment. */
    static List<Claim> claims(StabilitySpec spec, List<Cell> cells) {
        String src = "Frankle et al. 2020";
        double thr = spec.stableBelow();
        List<Claim> out = new ArrayList<>();
        String c1 = String.format(Locale.ROOT, "The dense network is stable at k = 0 (error barrier below %.1f points)", thr);
        if (!spec.levels().contains(0) || !spec.ks().contains(0L)) {
            out.add(new Claim(src, c1, Claim.Status.NOT_TESTED, "dense barrier at k = 0, points", Double.NaN,
                    "The grid does not hold level 0 at k = 0."));
        } else {
            MeanDifference b = barrier(cells, 0, 0);
            int s = stability(b, thr);
            Claim.Status st = s > 0 ? Claim.Status.REPRODUCED : s < 0 ? Claim.Status.NOT_REPRODUCED
                    : Claim.Status.INCONCLUSIVE;
            out.add(new Claim(src, c1, st, "dense barrier at k = 0, points", b.estimate(), describe(b, "barrier")));
        }
        String c2 = "Subnetworks that are stable match the dense network rewound to the same k";
        String c3 = "Subnetworks that are unstable do not match the dense network rewound to the same k";
        if (!spec.levels().contains(0) || spec.levels().stream().noneMatch(l -> l > 0)) {
            out.add(new Claim(src, c2, Claim.Status.NOT_TESTED, "stable cells that match", Double.NaN,
                    "The grid needs level 0 (the dense reference) and a pruned level."));
            out.add(new Claim(src, c3, Claim.Status.NOT_TESTED, "unstable cells that do not match", Double.NaN,
                    "The grid needs level 0 (the dense reference) and a pruned level."));
            return out;
        }
        int stable = 0;
        int stableMatch = 0;
        int stableWorse = 0;
        int unstable = 0;
        int unstableWorse = 0;
        int unstableMatch = 0;
        List<String> parts = new ArrayList<>();
        for (long k : spec.ks()) {
            double[] dense = accuracies(cells, 0, k);
            for (int level : spec.levels()) {
                if (level == 0) {
                    continue;
                }
                int s = stability(barrier(cells, level, k), thr);
                double[] acc = accuracies(cells, level, k);
                Verdict v = Verdict.judge(MeanDifference.paired(acc, dense, Verdict.CONFIDENCE),
                        spec.lottery().margin() / 100);
                if (s > 0) {
                    stable++;
                    stableMatch += v.matchesOrBetter() ? 1 : 0;
                    stableWorse += v.outcome() == Verdict.Outcome.WORSE ? 1 : 0;
                } else if (s < 0) {
                    unstable++;
                    unstableWorse += v.outcome() == Verdict.Outcome.WORSE ? 1 : 0;
                    unstableMatch += v.matchesOrBetter() ? 1 : 0;
                }
                parts.add(String.format(Locale.ROOT, "level %d k %d: %s, %s", level, k,
                        s > 0 ? "stable" : s < 0 ? "unstable" : "stability undecided", v.outcome().label()));
            }
        }
        String detail = String.join("; ", parts) + ".";
        Claim.Status s2 = stable == 0 ? Claim.Status.NOT_TESTED : stableWorse > 0 ? Claim.Status.NOT_REPRODUCED
                : stableMatch == stable ? Claim.Status.REPRODUCED : Claim.Status.INCONCLUSIVE;
        out.add(new Claim(src, c2, s2, "stable cells that match (of " + stable + " stable)", stableMatch,
                (stable == 0 ? "No pruned cell is decided stable. " : "") + detail));
        Claim.Status s3 = unstable == 0 ? Claim.Status.NOT_TESTED : unstableMatch > 0 ? Claim.Status.NOT_REPRODUCED
                : unstableWorse == unstable ? Claim.Status.REPRODUCED : Claim.Status.INCONCLUSIVE;
        out.add(new Claim(src, c3, s3, "unstable cells that do not match (of " + unstable + " unstable)", unstableWorse,
                (unstable == 0 ? "No pruned cell is decided unstable. " : "") + detail));
        return out;
    }

    private static String describe(MeanDifference b, String what) {
        return b.hasInterval() ? String.format(Locale.ROOT, "Mean %s %.2f points, 90%% CI [%.2f, %.2f] over %d replicates.",
                what, b.estimate(), b.lower(), b.upper(), b.n())
                : String.format(Locale.ROOT, "Mean %s %.2f points; one replicate gives no interval.", what, b.estimate());
    }

    private static void write(RunWriter writer, StabilitySpec spec, List<Cell> cells, List<Claim> claims, int threads,
                              Instant started, int computed) throws IOException {
        List<Figure> figures = new ArrayList<>();
        double[] alphas = LinearPath.alphas(spec.points());
        List<Charts.Band> vsK = new ArrayList<>();
        Map<Integer, Double> densityOf = new LinkedHashMap<>();
        cells.forEach(c -> densityOf.putIfAbsent(c.level(), c.density()));
        List<List<String>> rows = new ArrayList<>();
        for (int level : spec.levels()) {
            double[] x = spec.ks().stream().mapToDouble(Long::doubleValue).toArray();
            double[] m = new double[x.length];
            double[] sd = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                long k = spec.ks().get(i);
                double[] b = barriers(cells, level, k);
                m[i] = Sample.mean(b);
                sd[i] = Sample.std(b);
                MeanDifference iv = barrier(cells, level, k);
                int s = stability(iv, spec.stableBelow());
                rows.add(List.of(Integer.toString(level), String.format(Locale.ROOT, "%.1f", 100 * densityOf.get(level)),
                        Long.toString(k), String.format(Locale.ROOT, "%.2f", m[i]),
                        Double.isNaN(sd[i]) ? "-" : String.format(Locale.ROOT, "%.2f", sd[i]),
                        iv.hasInterval() ? String.format(Locale.ROOT, "[%.2f, %.2f]", iv.lower(), iv.upper()) : "-",
                        s > 0 ? "stable" : s < 0 ? "unstable" : "undecided",
                        String.format(Locale.ROOT, "%.2f", 100 * Sample.mean(accuracies(cells, level, k)))));
            }
            vsK.add(new Charts.Band(String.format(Locale.ROOT, "level %d (%.1f%%)", level, 100 * densityOf.get(level)),
                    x, m, sd));
        }
        String reps = spec.replicates() + " replicate" + (spec.replicates() == 1 ? "" : "s");
        writer.plot("barrier-vs-k", Charts.bands("Error barrier against rewinding step k", "rewinding step k",
                "error barrier, points (mean +/- std over " + reps + ")", false, false, vsK));
        figures.add(new Figure("barrier-vs-k", "Error barrier (largest test error along the path minus the mean of the "
                + "endpoints) against the step k the network was rewound to, one line per IMP level."));
        if (spec.levels().size() > 1) {
            List<Charts.Band> vsD = new ArrayList<>();
            for (long k : spec.ks()) {
                double[] x = spec.levels().stream().mapToDouble(l -> 100 * densityOf.get(l)).toArray();
                double[] m = spec.levels().stream().mapToDouble(l -> Sample.mean(barriers(cells, l, k))).toArray();
                double[] sd = spec.levels().stream().mapToDouble(l -> Sample.std(barriers(cells, l, k))).toArray();
                vsD.add(new Charts.Band("k = " + k, x, m, sd));
            }
            writer.plot("barrier-vs-density", Charts.bands("Error barrier against density", "density % (log)",
                    "error barrier, points (mean +/- std over " + reps + ")", true, false, vsD));
            figures.add(new Figure("barrier-vs-density", "Error barrier against the ticket's density, one line per k."));
        }
        for (long k : spec.ks()) {
            List<Charts.Band> paths = new ArrayList<>();
            for (int level : spec.levels()) {
                List<Cell> cs = cells.stream().filter(c -> c.level() == level && c.k() == k).toList();
                double[] m = new double[alphas.length];
                double[] sd = new double[alphas.length];
                for (int i = 0; i < alphas.length; i++) {
                    final int j = i;
                    double[] e = cs.stream().mapToDouble(c -> 100 * c.errors()[j]).toArray();
                    m[i] = Sample.mean(e);
                    sd[i] = Sample.std(e);
                }
                paths.add(new Charts.Band(String.format(Locale.ROOT, "level %d (%.1f%%)", level,
                        100 * densityOf.get(level)), alphas, m, sd));
            }
            String name = "path-k-" + k;
            writer.plot(name, Charts.bands("Test error along the linear path, k = " + k, "alpha",
                    "test error % (mean +/- std over " + reps + ")", false, false, paths));
            figures.add(new Figure(name, "Test error of (1 - alpha) theta_a + alpha theta_b for the two copies trained "
                    + "from step " + k + ", one line per level."));
        }
        Table table = new Table("Error barrier per level and k (points; 90% interval over replicates; stable below "
                + spec.stableBelow() + ")", List.of("level", "density %", "k", "barrier", "std", "90% CI", "verdict",
                "copies' accuracy %"), rows);
        ObjectNode specOut = spec.toJson().put("stableBelow", spec.stableBelow());
        String yaml = SpecCodec.yaml().writeValueAsString(specOut) + "lotterySpec:\n"
                + Lottery.CODEC.toYaml(spec.lottery()).indent(2);
        long reproduced = claims.stream().filter(Claim::reproduced).count();
        Report report = new Report("Instability and linear mode connectivity (Frankle et al. 2020)",
                String.format(Locale.ROOT, "%s on %s: the lottery run %s, levels %s, k in %s, %s; two copies per cell "
                                + "trained from step k with different data orders, test error at %d points of the line "
                                + "between them. %d of %d claims reproduced.", spec.lottery().model(),
                        spec.lottery().dataset(), Lottery.id(spec.lottery()), spec.levels(), spec.ks(), reps,
                        alphas.length, reproduced, claims.size()),
                yaml, figures, List.of(table), claims,
                Map.of("run id", writer.layout().id().toString(), "cells computed by the last call",
                        Integer.toString(computed)));
        Map<String, Long> seeds = new LinkedHashMap<>();
        for (int r = 0; r < spec.replicates(); r++) {
            long rep = Seeds.derive(spec.lottery().seed(), "replicate", r);
            seeds.put("rep-" + r + "-order", Seeds.derive(rep, "stability-order"));
            seeds.put("rep-" + r + "-copy-a", Seeds.derive(rep, "stability-copy-a"));
            seeds.put("rep-" + r + "-copy-b", Seeds.derive(rep, "stability-copy-b"));
        }
        writer.finishStudy(report, result -> {
            ArrayNode cs = result.putArray("cells");
            cells.forEach(c -> cs.add(c.toJson()));
        }, computed > 0, threads, seeds, started);
    }
}
