package dev.jackpot.nn.lottery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.nn.Compute;
import dev.jackpot.plot.Charts;
import dev.jackpot.prune.BranchResult;
import dev.jackpot.report.Claim;
import dev.jackpot.report.Figure;
import dev.jackpot.report.Report;
import dev.jackpot.report.Table;
import dev.jackpot.run.RunWriter;
import dev.jackpot.stats.MeanDifference;
import dev.jackpot.stats.Verdict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The real-data experiment of Zhang et al. (NeurIPS 2021, Figs. 11-12): test accuracy against the
 * pruning ratio {@code 1 - density} for several training-set sizes N, to show that a pruned network
 * trained on fewer samples can beat the dense network trained on more. Each N is one ordinary
 * {@link Lottery} run (the base spec with {@code subsample = N} and no control branches), so every N
 * resumes on its own; the study's directory {@code lottery-sizes-<hash>} holds the combined plot,
 * table, claims and report.
 *
 * <p>Claims checked: (1) "a pruned network trained on N1 samples is more accurate than the dense
 * network trained on N2 > N1 samples" for at least one pair, statistic the largest margin
 * {@code max over N1 < N2 of (best pruned accuracy at N1 - dense accuracy at N2)}; (2) "pruning
 * raises the test accuracy at every N", statistic the number of N whose best pruned level beats dense;
 * each decided by a confidence interval over replicates ({@link #claims}).
 */
public final class SampleSizeStudy {

    /** The run kind of the study's own directory. */
    public static final String KIND = "lottery-sizes";

    private SampleSizeStudy() {
    }

    /**
     * @param n         the training-set size
     * @param level     the IMP level
     * @param density   the ticket's density at that level
     * @param accuracy  mean test accuracy over replicates
     * @param std       its sample standard deviation (NaN for one replicate)
     * @param accuracies each replicate's test accuracy, in replicate order (the claims' intervals use them)
     */
    public record Point(int n, int level, double density, double accuracy, double std, double[] accuracies) {

        /** Copies the accuracies. */
        public Point {
            accuracies = accuracies.clone();
        }

        /** @return the point as JSON ({@code result.json} and the CLI's {@code --json}) */
        public ObjectNode toJson() {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("n", n);
            o.put("level", level);
            o.put("density", density);
            o.put("accuracyMean", accuracy);
            o.put("accuracyStd", std);
            return o;
        }
    }

    /** Fields {@link LotterySpec} gained after sample-size studies existed (see {@link #id}). */
    private static final List<String> LATER_FIELDS = List.of("optimizerAtRewind", "counting", "augment", "validation");

    /**
     * @param layout the study's directory
     * @param points every (N, level), by N then level
     * @param claims the two checked claims
     * @param computed levels computed by this call over all N (the others were loaded)
     */
    public record Result(RunLayout layout, List<Point> points, List<Claim> claims, int computed) {

        /** @return the study's summary as the CLI prints it with {@code --json} */
        public ObjectNode toJson() {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("runId", layout.id().toString());
            o.put("runDir", layout.dir().toString());
            o.put("report", layout.dir().resolve("report.html").toString());
            o.put("levelsComputed", computed);
            ArrayNode array = o.putArray("points");
            points.forEach(p -> array.add(p.toJson()));
            ArrayNode checked = o.putArray("claims");
            for (Claim c : claims) {
                ObjectNode n = c.toJson();
                n.remove("source");
                checked.add(n.put("detail", c.detail()));
            }
            return o;
        }
    }

    /**
     * @param base the spec every N shares (its subsample and controls are replaced)
     * @param sizes the training-set sizes, at least two, increasing
     * @return the study's run id: kind plus SHA-256 of the canonical {base, sizes}
     */
    public static RunId id(LotterySpec base, List<Integer> sizes) {
        ObjectNode spec = SpecCodec.json().createObjectNode();
        ObjectNode tree = Lottery.hashedTree(base);
        // The study hashes every field of its base but the margin (as a lottery run does); a field added later is hashed only when it differs from its
        // default, so the ids of studies run before it existed stay valid.
        JsonNode defaults = Lottery.CODEC.toTree(Lottery.CODEC.defaults());
        for (String field : LATER_FIELDS) {
            if (tree.path(field).equals(defaults.path(field))) {
                tree.remove(field);
            }
        }
        spec.set("base", tree);
        ArrayNode n = spec.putArray("sizes");
        sizes.forEach(n::add);
        return RunId.of(KIND, spec, SpecCodec.json().createObjectNode());
    }

    /**
     * Runs (or resumes) one lottery per N and writes the study's plot and report.
     *
     * @param base     the shared spec
     * @param sizes    training-set sizes, at least two, strictly increasing, each positive
     * @param root     the runs directory
     * @param compute  where to train
     * @param listener progress of every lottery run
     * @return the study
     * @throws IOException if data cannot be read or files written
     */
    public static Result run(LotterySpec base, List<Integer> sizes, Path root, Compute compute, LotteryListener listener)
            throws IOException {
        return run(base, sizes, root, compute, listener, null);
    }

    /**
     * As {@link #run(LotterySpec, List, Path, Compute, LotteryListener)}, each N's lottery as jobs of an
     * executor ({@link Lottery#run(LotterySpec, Path, Compute, LotteryListener, TaskExecutor)}), bit-identical.
     *
     * @param executor where the jobs run; null trains in this JVM
     */
    public static Result run(LotterySpec base, List<Integer> sizes, Path root, Compute compute, LotteryListener listener,
                             TaskExecutor executor) throws IOException {
        if (sizes.size() < 2) {
            throw new IllegalArgumentException("A sample-size study needs at least two sizes N, got " + sizes + ".");
        }
        for (int i = 0; i < sizes.size(); i++) {
            if (sizes.get(i) < 1 || (i > 0 && sizes.get(i) <= sizes.get(i - 1))) {
                throw new IllegalArgumentException("The sizes N must be positive and strictly increasing, got "
                        + sizes + ".");
            }
        }
        RunLayout layout = new RunLayout(root, id(base, sizes));
        List<Point> points = new ArrayList<>();
        int computed = 0;
        for (int n : sizes) {
            LotterySpec spec = base.toBuilder().subsample(n).controls(List.of()).build();
            Lottery.Result r = executor == null ? Lottery.run(spec, root, compute, listener)
                    : Lottery.run(spec, root, compute, listener, executor);
            computed += r.computed();
            for (LotteryStats.LevelStats s : LotteryStats.of(r.branches())) {
                if (s.branch().equals(BranchResult.MAIN)) {
                    double[] acc = r.branches().stream().filter(b -> b.level() == s.level()
                                    && b.branch().equals(BranchResult.MAIN))
                            .sorted(java.util.Comparator.comparingInt(BranchSummary::replicate))
                            .mapToDouble(BranchSummary::accuracy).toArray();
                    points.add(new Point(n, s.level(), s.density(), s.accuracy(), s.accuracyStd(), acc));
                }
            }
        }
        List<Claim> claims = claims(sizes, points);
        write(RunWriter.open(layout), base, sizes, points, claims);
        return new Result(layout, points, claims, computed);
    }

    /**
     * The two claims of the class comment, from the points, each judged by a 90% interval over replicates
     * ({@link Verdict#CONFIDENCE}): (1) Welch's interval on best pruned accuracy at N1 minus dense accuracy at
     * N2 for the pair with the largest difference of means (chosen by its means, so the interval is
     * optimistic for the maximum), reproduced when it lies above 0 and not reproduced when below; (2) at each
     * N the paired interval (replicate r's pruned network against its own dense one) on best pruned minus
     * dense, reproduced when it lies above 0 at every N and not reproduced when it lies at or below 0 at one.
     * Otherwise inconclusive; one replicate gives no interval.
     */
    static List<Claim> claims(List<Integer> sizes, List<Point> points) {
        Map<Integer, Point> dense = new LinkedHashMap<>();
        Map<Integer, Point> bestPruned = new LinkedHashMap<>();
        for (Point p : points) {
            if (p.level() == 0) {
                dense.put(p.n(), p);
            } else if (!bestPruned.containsKey(p.n()) || p.accuracy() > bestPruned.get(p.n()).accuracy()) {
                bestPruned.put(p.n(), p);
            }
        }
        double margin = Double.NEGATIVE_INFINITY;
        Point bestSmall = null;
        Point bestLarge = null;
        for (int i = 0; i < sizes.size(); i++) {
            for (int j = i + 1; j < sizes.size(); j++) {
                Point small = bestPruned.get(sizes.get(i));
                Point large = dense.get(sizes.get(j));
                if (small != null && large != null && small.accuracy() - large.accuracy() > margin) {
                    margin = small.accuracy() - large.accuracy();
                    bestSmall = small;
                    bestLarge = large;
                }
            }
        }
        String claim1 = "A pruned network trained on fewer samples is more accurate than the dense network trained "
                + "on more samples.";
        String stat1 = "max over N1 < N2 of best pruned acc(N1) - dense acc(N2), points";
        Claim first;
        if (bestSmall == null) {
            first = new Claim("Zhang 2021 Figs. 11-12", claim1, Claim.Status.NOT_TESTED, stat1, Double.NaN,
                    "No pair of sizes has both a pruned and a dense network.");
        } else {
            MeanDifference d = MeanDifference.welch(bestSmall.accuracies(), bestLarge.accuracies(), Verdict.CONFIDENCE);
            Claim.Status status = !d.hasInterval() ? Claim.Status.INCONCLUSIVE : d.lower() > 0 ? Claim.Status.REPRODUCED
                    : d.upper() < 0 ? Claim.Status.NOT_REPRODUCED : Claim.Status.INCONCLUSIVE;
            String pair = String.format(Locale.ROOT, "pruned to %.1f%% at N = %d: %.2f%%; dense at N = %d: %.2f%%",
                    100 * bestSmall.density(), bestSmall.n(), 100 * bestSmall.accuracy(), bestLarge.n(),
                    100 * bestLarge.accuracy());
            first = new Claim("Zhang 2021 Figs. 11-12", claim1, status, stat1, 100 * margin, "Best pair by means: "
                    + pair + ". " + interval(d) + " Reproduced when the interval lies above 0; the pair is chosen by "
                    + "its means, so the interval is optimistic for the maximum.");
        }
        int better = 0;
        int notBetter = 0;
        List<String> perN = new ArrayList<>();
        for (int n : sizes) {
            if (!bestPruned.containsKey(n) || !dense.containsKey(n)) {
                continue;
            }
            double[] a = bestPruned.get(n).accuracies();
            double[] b = dense.get(n).accuracies();
            MeanDifference d = a.length == b.length ? MeanDifference.paired(a, b, Verdict.CONFIDENCE)
                    : MeanDifference.welch(a, b, Verdict.CONFIDENCE);
            boolean up = d.hasInterval() && d.lower() > 0;
            boolean notUp = d.hasInterval() && d.upper() <= 0;
            better += up ? 1 : 0;
            notBetter += notUp ? 1 : 0;
            perN.add(String.format(Locale.ROOT, "N = %d: %+.2f points%s", n, 100 * d.estimate(), d.hasInterval()
                    ? String.format(Locale.ROOT, " [%+.2f, %+.2f]", 100 * d.lower(), 100 * d.upper()) : " (no interval)"));
        }
        Claim.Status status2 = perN.isEmpty() ? Claim.Status.NOT_TESTED : notBetter > 0 ? Claim.Status.NOT_REPRODUCED
                : better == sizes.size() ? Claim.Status.REPRODUCED : Claim.Status.INCONCLUSIVE;
        Claim second = new Claim("Zhang 2021 Figs. 11-12", "Pruning raises the test accuracy at every training-set size N.",
                status2, "sizes N where the best pruned level beats dense (90% interval above 0)", better,
                better + " of " + sizes.size() + " sizes decided better, " + notBetter + " not better. Best pruned - "
                        + "dense, paired 90% intervals: " + String.join("; ", perN) + ".");
        return List.of(first, second);
    }

    private static String interval(MeanDifference d) {
        return d.hasInterval() ? String.format(Locale.ROOT, "Difference %+.2f points, 90%% CI [%+.2f, %+.2f] (%s, df %.1f).",
                100 * d.estimate(), 100 * d.lower(), 100 * d.upper(), d.method(), d.df())
                : String.format(Locale.ROOT, "Difference %+.2f points; one replicate gives no interval.", 100 * d.estimate());
    }

    private static void write(RunWriter writer, LotterySpec base, List<Integer> sizes, List<Point> points,
                              List<Claim> claims) throws IOException {
        List<Charts.Band> bands = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int n : sizes) {
            List<Point> curve = points.stream().filter(p -> p.n() == n).toList();
            bands.add(new Charts.Band("N = " + n, curve.stream().mapToDouble(p -> 1 - p.density()).toArray(),
                    curve.stream().mapToDouble(p -> 100 * p.accuracy()).toArray(),
                    curve.stream().mapToDouble(p -> 100 * p.std()).toArray()));
            for (Point p : curve) {
                rows.add(List.of(Integer.toString(n), Integer.toString(p.level()),
                        String.format(Locale.ROOT, "%.1f", 100 * (1 - p.density())),
                        String.format(Locale.ROOT, "%.2f", 100 * p.accuracy()),
                        Double.isNaN(p.std()) ? "-" : String.format(Locale.ROOT, "%.2f", 100 * p.std())));
            }
        }
        writer.plot("accuracy-vs-pruning", Charts.bands("Test accuracy against pruning ratio", "pruning ratio (1 - density)",
                "test accuracy % (mean +/- std over " + base.replicates() + " replicates)", false, false, bands));
        Table table = new Table("Ticket test accuracy per training-set size N and IMP level",
                List.of("N", "level", "pruned %", "accuracy %", "std"), rows);
        Report report = new Report("Pruned networks against sample size (Zhang et al. 2021, Figs. 11-12)",
                "IMP (" + base.model() + ", " + base.dataset() + ") for N in " + sizes + "; each N is its own "
                        + "lottery run (the base spec with that subsample and no controls) under the same runs "
                        + "directory, resumed independently.",
                Lottery.CODEC.toYaml(base),
                List.of(new Figure("accuracy-vs-pruning", "Test accuracy of the IMP ticket against the pruning ratio, "
                        + "one curve per training-set size N (mean and one standard deviation over replicates).")),
                List.of(table), claims,
                Map.of("run id", writer.layout().id().toString(), "sizes", sizes.toString()));
        writer.report(report);
        writer.spec("sizes: " + sizes + "\nbase:\n" + Lottery.CODEC.toYaml(base).indent(2));
        ObjectNode result = SpecCodec.json().createObjectNode();
        ArrayNode ps = result.putArray("points");
        points.forEach(p -> ps.add(p.toJson()));
        writer.result(result);
    }
}
