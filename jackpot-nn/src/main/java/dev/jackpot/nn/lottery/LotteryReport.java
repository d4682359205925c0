package dev.jackpot.nn.lottery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.Manifest;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.train.TrainResult;
import dev.jackpot.plot.Charts;
import dev.jackpot.prune.BranchResult;
import dev.jackpot.prune.Masks;
import dev.jackpot.report.Claim;
import dev.jackpot.report.Figure;
import dev.jackpot.report.Report;
import dev.jackpot.report.Table;
import dev.jackpot.run.RunWriter;
import dev.jackpot.stats.MeanDifference;
import dev.jackpot.stats.Verdict;
import dev.jackpot.tensor.TensorSet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The report of a {@link Lottery} run ({@code report.html} and {@code report.md}): accuracy against
 * density for the ticket and the controls (mean ± one sample standard deviation over replicates,
 * log density axis); the ticket's test accuracy against training step per level; a per-level table
 * with wall time; per-layer densities; mask overlap (Jaccard) between consecutive levels and between
 * replicates; the early-stopping iteration (the evaluated step of least validation, else test, loss)
 * against density for the ticket and the controls, with a per-level table and the density at which
 * the ticket's mean early-stopping iteration is least, reported beside Frankle and Carbin's A1
 * observation (weak-lth.md 6: it falls down to Pm ≈ 21% and rises after) but not asserted; and the
 * checked claim of Frankle and Carbin (ICLR 2019) in its project form (weak-lth.md 8.11): the ticket
 * at about 20% density matches the dense network while the randomly re-initialised ticket is lower,
 * judged by paired confidence intervals over replicates against the spec's equivalence margin
 * ({@link #claim(List, double)}).
 */
public final class LotteryReport {

    /** Density the checked claim looks at: the level closest to it. */
    public static final double CLAIM_DENSITY = 0.2;

    private LotteryReport() {
    }

    /**
     * Draws the figures and writes the report into the run directory.
     *
     * @param r the run
     * @return the report
     * @throws IOException if a file cannot be written
     */
    public static Report write(Lottery.Result r) throws IOException {
        RunLayout layout = r.layout();
        RunWriter writer = RunWriter.open(layout);
        List<LotteryStats.LevelStats> stats = LotteryStats.of(r.branches());
        List<String> branches = Lottery.branchOrder(r.spec());
        List<Figure> figures = new ArrayList<>();
        int reps = r.spec().replicates();

        LotteryStats.LevelStats dense = find(stats, 0, BranchResult.MAIN);
        List<Charts.Band> bands = new ArrayList<>();
        for (String b : branches) {
            List<LotteryStats.LevelStats> rows = new ArrayList<>();
            if (!b.equals(BranchResult.MAIN)) {
                rows.add(dense);
            }
            stats.stream().filter(s -> s.branch().equals(b)).forEach(rows::add);
            bands.add(new Charts.Band(label(b), rows.stream().mapToDouble(LotteryStats.LevelStats::density).toArray(),
                    rows.stream().mapToDouble(s -> 100 * s.accuracy()).toArray(),
                    rows.stream().mapToDouble(s -> Double.isNaN(s.accuracyStd()) ? Double.NaN : 100 * s.accuracyStd())
                            .toArray()));
        }
        writer.plot("accuracy-vs-density", Charts.bands("Accuracy against density", "density of prunable weights (log)",
                "test accuracy % (mean +/- std over " + reps + " replicates)", true, false, bands));
        figures.add(new Figure("accuracy-vs-density", "Test accuracy of the IMP ticket (rewound as the spec says) and "
                + "of the controls against the density of the prunable weights, mean and one standard deviation over "
                + reps + " replicates; the controls start from the dense point."));

        List<Charts.Band> stopBands = new ArrayList<>();
        for (String b : branches) {
            List<LotteryStats.LevelStats> rows = new ArrayList<>();
            if (!b.equals(BranchResult.MAIN)) {
                rows.add(dense);
            }
            stats.stream().filter(s -> s.branch().equals(b) && !Double.isNaN(s.earlyStop())).forEach(rows::add);
            if (rows.stream().anyMatch(s -> !Double.isNaN(s.earlyStop()))) {
                stopBands.add(new Charts.Band(label(b), rows.stream().mapToDouble(LotteryStats.LevelStats::density).toArray(),
                        rows.stream().mapToDouble(LotteryStats.LevelStats::earlyStop).toArray(),
                        rows.stream().mapToDouble(LotteryStats.LevelStats::earlyStopStd).toArray()));
            }
        }
        Optional<LotteryStats.LevelStats> fastest = earlyStopMinimum(stats);
        if (!stopBands.isEmpty()) {
            writer.plot("early-stop-vs-density", Charts.bands("Early-stopping iteration against density", "density of prunable weights (log)",
                    "early-stop iteration (mean +/- std over " + reps + " replicates)", true, false, stopBands));
            figures.add(new Figure("early-stop-vs-density", "Early-stopping iteration (the evaluated step of least "
                    + "validation loss, or test loss when there is no validation set; evaluations at the end of every "
                    + "epoch) of the ticket and the controls against density, mean and one standard deviation over "
                    + reps + " replicates; the controls start from the dense point. Frankle and Carbin (ICLR 2019) "
                    + "report it falling down to about 21% density and rising after."));
        }

        List<Charts.Series> curves = new ArrayList<>();
        for (int level = 0; level <= r.spec().levels(); level++) {
            TreeMap<Long, double[]> sum = new TreeMap<>();
            for (BranchSummary b : r.branches()) {
                if (b.level() == level && b.branch().equals(BranchResult.MAIN)) {
                    b.curve().forEach((step, acc) -> {
                        double[] s = sum.computeIfAbsent(step, k -> new double[2]);
                        s[0] += acc;
                        s[1]++;
                    });
                }
            }
            if (!sum.isEmpty()) {
                LotteryStats.LevelStats st = find(stats, level, BranchResult.MAIN);
                curves.add(new Charts.Series(String.format(Locale.ROOT, "L%d (%.1f%%)", level, 100 * st.density()),
                        sum.keySet().stream().mapToDouble(Long::doubleValue).toArray(),
                        sum.values().stream().mapToDouble(s -> 100 * s[0] / s[1]).toArray()));
            }
        }
        if (!curves.isEmpty()) {
            writer.plot("accuracy-vs-step", Charts.lines("Ticket accuracy during training", "training step", "test accuracy % (mean over "
                    + reps + " replicates)", false, false, curves));
            figures.add(new Figure("accuracy-vs-step", "Test accuracy of the ticket at each evaluation (end of every "
                    + "epoch) against the training step, one line per level, mean over replicates."));
        }

        List<Table> tables = new ArrayList<>();
        tables.add(levelTable(r, stats, branches));
        tables.add(layerTable(r));
        tables.add(overlapTable(r));
        List<Claim> claims = List.of(claim(r.branches(), r.spec().margin()));

        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("run id", layout.id().toString());
        Manifest m = Manifest.of(layout.id(), r.threads(), Map.of(), java.time.Instant.now(), java.time.Instant.now());
        provenance.put("code version", m.version() + " (" + m.commit() + ")");
        provenance.put("java", m.javaVersion() + " " + m.javaVendor());
        provenance.put("intra-op threads", Integer.toString(r.threads()));
        provenance.put("sparse engine at densities up to", r.sparseBelow() > 0
                ? String.format(Locale.ROOT, "%.3f (fully connected networks)", r.sparseBelow()) : "never");
        provenance.put("levels computed by the last call", Integer.toString(r.computed()));
        String summary = String.format(Locale.ROOT, "%s on %s (%s training examples), %d IMP levels, %s, %d replicates. "
                        + "Dense test accuracy %s%%. %s %s",
                r.spec().model(), r.spec().dataset(), r.spec().subsample() == 0 ? "all" : Integer.toString(r.spec().subsample()),
                r.spec().levels(), r.spec().reset().name().toLowerCase(Locale.ROOT).replace('_', ' '), reps,
                pm(dense.accuracy(), dense.accuracyStd()), claims.get(0).detail(), earlyStopSentence(fastest));
        Report report = new Report("Lottery tickets: " + r.spec().model() + " on " + r.spec().dataset(), summary,
                Lottery.CODEC.toYaml(r.spec()), figures, tables, claims, provenance);
        writer.report(report);
        return report;
    }

    /**
     * The run's summary as the CLI prints it with {@code --json}: run id and directory, report path,
     * replicates, levels computed by this call, the per-level statistics, the early-stopping minimum
     * (when one was recorded) and the checked claim.
     *
     * @param r the run
     * @param report its report, from {@link #write}
     * @return the summary
     */
    public static ObjectNode summary(Lottery.Result r, Report report) {
        ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("runId", r.layout().id().toString());
        o.put("runDir", r.layout().dir().toString());
        o.put("report", r.layout().dir().resolve("report.html").toString());
        o.put("replicates", r.spec().replicates());
        o.put("levelsComputed", r.computed());
        ArrayNode rows = o.putArray("levels");
        List<LotteryStats.LevelStats> stats = LotteryStats.of(r.branches());
        stats.forEach(s -> rows.add(s.toJson()));
        earlyStopMinimum(stats).ifPresent(f -> {
            ObjectNode e = o.putObject("earlyStopMinimum");
            e.put("level", f.level());
            e.put("density", f.density());
            e.put("iterationMean", f.earlyStop());
            e.put("iterationStd", f.earlyStopStd());
        });
        o.set("claim", report.claims().get(0).toJson());
        return o;
    }

    /**
     * The checked claim at the level whose ticket density is closest to {@link #CLAIM_DENSITY}, judged
     * over replicates by {@link Verdict}: the paired 90% interval on ticket minus dense accuracy (each
     * replicate's ticket against its own dense network, which shares its initialisation) must lie
     * within +/- {@code marginPoints} or above it, and the paired interval on ticket minus randomly
     * re-initialised ticket must lie above 0. Not tested when no level lies within a factor 1.5 of
     * 20% density (13.3% to 30%) or the re-init control was not run; inconclusive when the replicates
     * do not decide it.
     *
     * @param rows         every branch of every level and replicate
     * @param marginPoints the equivalence margin in accuracy points
     * @return the claim
     */
    public static Claim claim(List<BranchSummary> rows, double marginPoints) {
        String text = String.format(Locale.ROOT, "The IMP ticket at about 20%% density matches the dense network "
                + "(90%% interval on ticket - dense within +/-%.2f points, or above) while the randomly re-initialised "
                + "ticket is lower", marginPoints);
        String statistic = "ticket - dense accuracy (points), paired";
        BranchSummary closest = null;
        double lowest = 1;
        for (BranchSummary b : rows) {
            if (b.level() > 0 && b.branch().equals(BranchResult.MAIN)) {
                lowest = Math.min(lowest, b.density());
                if (closest == null || Math.abs(Math.log(b.density() / CLAIM_DENSITY))
                        < Math.abs(Math.log(closest.density() / CLAIM_DENSITY))) {
                    closest = b;
                }
            }
        }
        if (closest == null || closest.density() < CLAIM_DENSITY / 1.5 || closest.density() > CLAIM_DENSITY * 1.5) {
            String why = closest == null ? "No pruned level was run."
                    : String.format(Locale.ROOT, "The run's ticket densities reach down to %.1f%%; the claim is about "
                    + "20%% density and is tested at a level between %.1f%% and %.1f%% (at pruning rate 0.2 per "
                    + "level, about 7 levels).", 100 * lowest, 100 * CLAIM_DENSITY / 1.5, 100 * CLAIM_DENSITY * 1.5);
            return new Claim("F&C 2019", text, Claim.Status.NOT_TESTED, statistic, Double.NaN, why);
        }
        int level = closest.level();
        double[][] vsDense = paired(rows, level, BranchResult.MAIN, 0, BranchResult.MAIN);
        String reinitBranch = dev.jackpot.prune.Control.RANDOM_REINIT.branch();
        double[][] vsReinit = paired(rows, level, BranchResult.MAIN, level, reinitBranch);
        double density = rows.stream().filter(b -> b.level() == level && b.branch().equals(BranchResult.MAIN))
                .mapToDouble(BranchSummary::density).average().orElse(Double.NaN);
        if (vsDense[0].length == 0) {
            return new Claim("F&C 2019", text, Claim.Status.NOT_TESTED, statistic, Double.NaN,
                    "No replicate has both the dense network and the ticket at level " + level + ".");
        }
        Verdict match = Verdict.judge(MeanDifference.paired(vsDense[0], vsDense[1], Verdict.CONFIDENCE),
                marginPoints / 100);
        String head = String.format(Locale.ROOT, "At level %d (density %.1f%%), %d replicates: ticket vs dense %s.",
                level, 100 * density, vsDense[0].length, match.sentence("ticket - dense", 100, "points"));
        double value = 100 * match.interval().estimate();
        if (vsReinit[0].length == 0) {
            return new Claim("F&C 2019", text, Claim.Status.NOT_TESTED, statistic, value,
                    head + " The random re-init control was not run, so its half of the claim is not tested.");
        }
        MeanDifference reinit = MeanDifference.paired(vsReinit[0], vsReinit[1], Verdict.CONFIDENCE);
        boolean reinitLower = reinit.hasInterval() && reinit.lower() > 0;
        boolean reinitNotLower = reinit.hasInterval() && reinit.upper() <= 0;
        String tail = reinit.hasInterval()
                ? String.format(Locale.ROOT, " Ticket - random re-init = %+.2f points, 90%% CI [%+.2f, %+.2f]: %s.",
                100 * reinit.estimate(), 100 * reinit.lower(), 100 * reinit.upper(),
                reinitLower ? "re-init is lower" : reinitNotLower ? "re-init is NOT lower" : "undecided")
                : String.format(Locale.ROOT, " Ticket - random re-init = %+.2f points (one replicate, no interval).",
                100 * reinit.estimate());
        Claim.Status status;
        if (match.outcome() == Verdict.Outcome.WORSE || reinitNotLower) {
            status = Claim.Status.NOT_REPRODUCED;
        } else if (match.matchesOrBetter() && reinitLower) {
            status = Claim.Status.REPRODUCED;
        } else {
            status = Claim.Status.INCONCLUSIVE;
        }
        return new Claim("F&C 2019", text, status, statistic, value, head + tail);
    }

    /** Accuracies of (levelA, branchA) and (levelB, branchB) for the replicates that have both, in replicate order. */
    private static double[][] paired(List<BranchSummary> rows, int levelA, String branchA, int levelB, String branchB) {
        Map<Integer, Double> a = new TreeMap<>();
        Map<Integer, Double> b = new TreeMap<>();
        for (BranchSummary r : rows) {
            if (r.level() == levelA && r.branch().equals(branchA)) {
                a.put(r.replicate(), r.accuracy());
            }
            if (r.level() == levelB && r.branch().equals(branchB)) {
                b.put(r.replicate(), r.accuracy());
            }
        }
        a.keySet().retainAll(b.keySet());
        return new double[][] {a.values().stream().mapToDouble(Double::doubleValue).toArray(),
                a.keySet().stream().mapToDouble(b::get).toArray()};
    }

    /**
     * The level whose ticket has the least mean early-stopping iteration, the reported (not asserted)
     * statistic of Frankle and Carbin's A1 observation (minimal near 21% density); ties go to the
     * lower level.
     *
     * @param stats the per-level statistics
     * @return that level's ticket statistics, empty when no level recorded an early-stopping iteration
     */
    public static Optional<LotteryStats.LevelStats> earlyStopMinimum(List<LotteryStats.LevelStats> stats) {
        LotteryStats.LevelStats best = null;
        for (LotteryStats.LevelStats s : stats) {
            if (s.branch().equals(BranchResult.MAIN) && !Double.isNaN(s.earlyStop())
                    && (best == null || s.earlyStop() < best.earlyStop())) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String earlyStopSentence(Optional<LotteryStats.LevelStats> fastest) {
        return fastest.map(s -> String.format(Locale.ROOT, "The ticket's mean early-stopping iteration is least at "
                + "level %d (density %.1f%%): %.0f iterations (Frankle and Carbin report the minimum near 21%%; "
                + "reported, not checked).", s.level(), 100 * s.density(), s.earlyStop()))
                .orElse("No early-stopping iteration was recorded.");
    }

    private static Table levelTable(Lottery.Result r, List<LotteryStats.LevelStats> stats, List<String> branches) {
        List<String> header = new ArrayList<>(List.of("level", "density %"));
        branches.forEach(b -> header.add(label(b) + " acc %"));
        branches.forEach(b -> header.add(label(b) + " early-stop it."));
        header.add("engine");
        header.add("wall s (all branches)");
        header.add("executed GFLOP (all branches)");
        header.add("GFLOP/s");
        List<List<String>> rows = new ArrayList<>();
        int reps = r.spec().replicates();
        for (int level = 0; level <= r.spec().levels(); level++) {
            LotteryStats.LevelStats main = find(stats, level, BranchResult.MAIN);
            if (main == null) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(Integer.toString(level), pct(main.density())));
            final int lv = level;
            List<BranchSummary> at = r.branches().stream().filter(x -> x.level() == lv).toList();
            // executed arithmetic as recorded; runs from before the sparse engine recorded none and ran dense
            double flops = at.stream().mapToDouble(x -> Double.isNaN(x.trainingFlops()) ? x.steps() * r.flopsPerStep()
                    : x.trainingFlops()).sum() / reps;
            double seconds = at.stream().mapToDouble(BranchSummary::seconds).sum() / reps;
            for (String b : branches) {
                LotteryStats.LevelStats s = find(stats, level, b);
                row.add(s == null ? "-" : pm(s.accuracy(), s.accuracyStd()));
            }
            for (String b : branches) {
                row.add(earlyStop(find(stats, level, b)));
            }
            String engines = String.join("+", at.stream().map(x -> x.engine().isEmpty() ? TrainResult.DENSE : x.engine())
                    .distinct().sorted().toList());
            row.add(engines);
            row.add(String.format(Locale.ROOT, "%.1f", seconds));
            row.add(String.format(Locale.ROOT, "%.1f", flops / 1e9));
            row.add(String.format(Locale.ROOT, "%.1f", flops / seconds / 1e9));
            rows.add(row);
        }
        return new Table("Test accuracy and early-stopping iteration (the evaluated step of least validation, else "
                + "test, loss) per level (mean ± std over " + reps + " replicates); the engine that trained the level "
                + "(dense: libtorch, which multiplies the masked zeros; sparse: the kept weights only), its training wall "
                + "time (evaluations included) and the arithmetic it executed in training (2 FLOPs per multiply-add, "
                + "evaluation excluded), over all branches, mean over replicates: a sparse ticket costs less as it shrinks",
                header, rows);
    }

    private static Table layerTable(Lottery.Result r) {
        List<String> names = new ArrayList<>(r.masks().get(0).get(0).names());
        List<String> header = new ArrayList<>(List.of("level"));
        names.forEach(n -> header.add(n + " %"));
        List<List<String>> rows = new ArrayList<>();
        for (int level = 0; level < r.masks().get(0).size(); level++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(level)));
            for (String n : names) {
                double sum = 0;
                for (List<TensorSet> rep : r.masks()) {
                    sum += Masks.density(rep.get(level), List.of(n));
                }
                row.add(pct(sum / r.masks().size()));
            }
            rows.add(row);
        }
        return new Table("Ticket density per layer (mean over replicates)", header, rows);
    }

    private static Table overlapTable(Lottery.Result r) {
        List<List<String>> rows = new ArrayList<>();
        int levels = r.masks().get(0).size();
        for (int level = 1; level < levels; level++) {
            double consecutive = 0;
            for (List<TensorSet> rep : r.masks()) {
                consecutive += Masks.overlap(rep.get(level), rep.get(level - 1)).jaccard();
            }
            consecutive /= r.masks().size();
            double across = 0;
            int pairs = 0;
            for (int a = 0; a < r.masks().size(); a++) {
                for (int b = a + 1; b < r.masks().size(); b++) {
                    across += Masks.overlap(r.masks().get(a).get(level), r.masks().get(b).get(level)).jaccard();
                    pairs++;
                }
            }
            double d = Masks.density(r.masks().get(0).get(level));
            rows.add(List.of(Integer.toString(level), pct(d), String.format(Locale.ROOT, "%.3f", consecutive),
                    pairs == 0 ? "-" : String.format(Locale.ROOT, "%.3f", across / pairs),
                    String.format(Locale.ROOT, "%.3f", d / (2 - d))));
        }
        return new Table("Mask overlap (Jaccard): level L against L-1 of the same replicate, and between replicates "
                + "at the same level; two independent uniform random masks of density d overlap d/(2-d) on average",
                List.of("level", "density %", "vs previous level", "between replicates", "random d/(2-d)"), rows);
    }

    private static LotteryStats.LevelStats find(List<LotteryStats.LevelStats> stats, int level, String branch) {
        return stats.stream().filter(s -> s.level() == level && s.branch().equals(branch)).findFirst().orElse(null);
    }

    private static String label(String branch) {
        return branch.equals(BranchResult.MAIN) ? "ticket" : branch;
    }

    /** The mean early-stopping iteration {@code ± std}, or "-" when none was recorded. */
    private static String earlyStop(LotteryStats.LevelStats s) {
        if (s == null || Double.isNaN(s.earlyStop())) {
            return "-";
        }
        return Double.isNaN(s.earlyStopStd()) ? String.format(Locale.ROOT, "%.0f", s.earlyStop())
                : String.format(Locale.ROOT, "%.0f ± %.0f", s.earlyStop(), s.earlyStopStd());
    }

    /** {@code mean ± std} in percent, or the mean alone when there is no spread (one replicate). */
    private static String pm(double mean, double std) {
        return Double.isNaN(std) ? String.format(Locale.ROOT, "%.2f", 100 * mean)
                : String.format(Locale.ROOT, "%.2f ± %.2f", 100 * mean, 100 * std);
    }

    private static String pct(double d) {
        return String.format(Locale.ROOT, "%.2f", 100 * d);
    }
}
