package dev.jackpot.strong;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.construct.NeuronPruning;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.jobs.LocalTaskExecutor;
import dev.jackpot.jobs.SweepListener;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.jobs.TaskRunner;
import dev.jackpot.jobs.TaskSource;
import dev.jackpot.plot.Charts;
import dev.jackpot.report.Claim;
import dev.jackpot.report.Figure;
import dev.jackpot.report.Numbers;
import dev.jackpot.report.Report;
import dev.jackpot.report.Table;
import dev.jackpot.rng.Seeds;
import dev.jackpot.run.RunWriter;
import dev.jackpot.store.TrialRow;
import dev.jackpot.sweep.Stats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Malach et al.'s neuron pruning as random features ({@link NeuronPruning}) against the width m of
 * the random network: for each m, {@code repeats} instances (random network, sample of N points in
 * R^d, a random 3-neuron ReLU target scaled to max |y| = 1), pruned by the randomised rounding of the
 * sign-consistent random-features fit, and by the rounding followed by local search. The paper's
 * claim is that a wide enough random network has a neuron subnetwork fitting the sample: the error
 * must shrink as m grows. Fit: ln(mean rounded MSE) = a + p ln(m).
 *
 * <p>{@link #run(Path)} writes {@code <root>/strong-neurons-<hash>/}: {@code spec.yaml},
 * {@code manifest.json}, {@code plots/error-vs-width.png}, {@code report.html}, {@code report.md} and
 * {@code result.json} (last), like the other strong-ticket experiments.
 *
 * @param ms      widths, each positive, at least 2
 * @param d       input dimension
 * @param samples sample size N
 * @param repeats instances per width
 * @param ridge   relative ridge of the random-features fit
 * @param seed    root seed; instance r at width m uses {@code Seeds.derive(seed, "neurons", m, r)}
 */
public record NeuronSweep(List<Integer> ms, int d, int samples, int repeats, double ridge, long seed) {

    /** Run kind. */
    public static final String KIND = "strong-neurons";

    /** Codec; defaults are {@link #quick()}. */
    public static final SpecCodec<NeuronSweep> CODEC = new SpecCodec<>(NeuronSweep.class, quick());

    /**
     * @throws IllegalArgumentException naming the value when something is out of range
     */
    public NeuronSweep {
        ms = List.copyOf(ms);
        if (ms.size() < 2 || ms.stream().anyMatch(m -> m < 1)) {
            throw new IllegalArgumentException("widths must list at least two positive values, got " + ms);
        }
        if (d < 1 || samples < 1 || repeats < 1) {
            throw new IllegalArgumentException("d, samples and repeats must be positive, got " + d + ", " + samples
                    + ", " + repeats);
        }
        if (!(ridge > 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("ridge must be finite and positive, got " + ridge);
        }
    }

    /** @return m = 25 .. 1600 doubling, d = 5, N = 20, 5 instances per width, ridge 1e-3 (seconds) */
    public static NeuronSweep quick() {
        return new NeuronSweep(List.of(25, 50, 100, 200, 400, 800, 1600), 5, 20, 5, 1e-3, 2020);
    }

    /**
     * Means over the instances at one width.
     *
     * @param m          the width
     * @param roundedMse mean MSE of the rounded subnetwork
     * @param roundedSup mean sup error of the rounded subnetwork
     * @param refinedMse mean MSE after local search
     * @param rfMse      mean MSE of the sign-consistent random-features fit
     * @param kept       mean number of kept neurons (rounded)
     */
    public record Point(int m, double roundedMse, double roundedSup, double refinedMse, double rfMse, double kept) {
    }

    /**
     * @param points per width
     * @param fit    ln(rounded MSE) against ln(m)
     * @param shrinks whether the rounded MSE falls with m (slope &lt; 0, R^2 &gt;= 0.8)
     */
    public record Result(List<Point> points, Stats.Fit fit, boolean shrinks) {
    }

    /**
     * @param layout the run directory
     * @param result the measured points and fit
     * @param claim  the checked claim "the error shrinks with the width"
     */
    public record Run(RunLayout layout, Result result, Claim claim) {
    }

    /** @return the run id: kind + hash of the canonical spec */
    public RunId id() {
        return RunId.of(KIND, CODEC.toTree(this), CODEC.toTree(CODEC.defaults()));
    }

    /**
     * Runs the sweep on one thread and writes its run directory.
     *
     * @param root the runs directory
     * @return the run
     * @throws IOException if the run directory cannot be written
     */
    public Run run(Path root) throws IOException {
        return run(root, new LocalTaskExecutor(1), new TaskRunner(), SweepListener.NONE).orElseThrow(
                () -> new IllegalStateException("an instance of the neuron sweep failed; see 'jackpot results show' "
                        + "on its run directory"));
    }

    /**
     * Runs (or resumes) the sweep, one task per instance (one SQLite row each), and once every instance has
     * finished writes plot, report and result.
     *
     * @param root     the runs directory
     * @param executor where the instances run (the result does not depend on it)
     * @param runner   the runner (so a caller can stop it)
     * @param listener progress
     * @return the run, or empty if an instance failed or the run was stopped (re-run to resume)
     * @throws IOException if the run directory cannot be written
     */
    public Optional<Run> run(Path root, TaskExecutor executor, TaskRunner runner, SweepListener listener)
            throws IOException {
        RunLayout layout = new RunLayout(root, id());
        Map<String, Long> seeds = new TreeMap<>();
        for (int w : ms) {
            for (int i = 0; i < repeats; i++) {
                seeds.put("neurons-" + w + "-" + i, Seeds.derive(seed, "neurons", w, i));
            }
        }
        TaskRunner.Outcome outcome = runner.run(layout, CODEC.toYaml(this), seeds, tasks(), new Tasks(), executor,
                listener);
        if (!outcome.complete()) {
            return Optional.empty();
        }
        Result r = analyse(outcome.rows().stream().map(TrialRow::metrics).toList());
        RunWriter writer = RunWriter.open(layout);
        List<Point> pts = r.points();
        double[] m = pts.stream().mapToDouble(Point::m).toArray();
        writer.plot("error-vs-width", Charts.lines("Neuron pruning of a random 2-layer network: error against width",
                "width m",
                "error", true, true, List.of(
                        new Charts.Series("rounded MSE", m, pts.stream().mapToDouble(Point::roundedMse).toArray()),
                        new Charts.Series("rounded + local search MSE", m,
                                pts.stream().mapToDouble(Point::refinedMse).toArray()),
                        new Charts.Series("random-features fit MSE", m, pts.stream().mapToDouble(Point::rfMse).toArray()),
                        new Charts.Series("rounded sup error", m,
                                pts.stream().mapToDouble(Point::roundedSup).toArray()))));
        Claim claim = new Claim("Malach et al. 2020", "The neuron subnetwork's error shrinks as the width m grows",
                r.shrinks(), "exponent p in rounded MSE ~ m^p (R^2 " + Numbers.fmt(r.fit().r2()) + ")", r.fit().slope(),
                "reproduced when p < 0 with R^2 >= 0.8.");
        List<List<String>> rows = new ArrayList<>();
        for (Point p : pts) {
            rows.add(List.of(Integer.toString(p.m()), Numbers.fmt(p.roundedMse()), Numbers.fmt(p.roundedSup()),
                    Numbers.fmt(p.refinedMse()), Numbers.fmt(p.rfMse()), Numbers.fmt(p.kept())));
        }
        writer.report(new Report("Malach et al.: neuron pruning as random features", "For each width m, " + repeats
                        + " instances (a random 2-layer ReLU network of width m, " + samples + " points in R^" + d
                        + ", a random 3-neuron ReLU target scaled to max |y| = 1) are pruned neuron by neuron by randomised "
                        + "rounding of a sign-consistent random-features fit (ridge " + ridge + "), and by the rounding "
                        + "followed by a local search. Values are means over the instances.", CODEC.toYaml(this),
                List.of(new Figure("error-vs-width", "Errors against the width m (log-log): a straight falling line is a "
                        + "power law.")),
                List.of(new Table("Points", List.of("m", "rounded MSE", "rounded sup", "refined MSE", "RF MSE", "kept"),
                        rows)), List.of(claim), writer.provenance(seed)));
        Run run = new Run(layout, r, claim);
        writer.result(json(run));
        return Optional.of(run);
    }

    /**
     * One task per instance: width m = {@code ms[c]} is cell c, instance r its trial r, seeded
     * {@code Seeds.derive(seed, "neurons", m, r)}; metrics {@code roundedMse}, {@code roundedSup},
     * {@code refinedMse}, {@code rfMse}, {@code kept}.
     *
     * @return the tasks, by width then instance
     */
    public List<TaskRunner.Task> tasks() {
        List<TaskRunner.Task> tasks = new ArrayList<>();
        for (int c = 0; c < ms.size(); c++) {
            int m = ms.get(c);
            for (int r = 0; r < repeats; r++) {
                tasks.add(new TaskRunner.Task("c" + c + "-t" + r, c, r, Seeds.derive(seed, "neurons", m, r),
                        Map.of("m", m), s -> instance(m, s)));
            }
        }
        return tasks;
    }

    /** Rebuilds the sweep's tasks from its spec (for executors in other JVMs). */
    public static final class Tasks implements TaskSource {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public List<TaskRunner.Task> tasks(String specYaml) {
            return CODEC.parseYaml(specYaml).tasks();
        }
    }

    /** The metrics of one instance at width m with seed s. */
    private Map<String, Object> instance(int m, long s) {
        NeuronPruning.Instance inst = NeuronPruning.random(m, d, samples, s);
        NeuronPruning.Result rounded = NeuronPruning.prune(inst, ridge, false, Seeds.stream(s, "rounding"));
        NeuronPruning.Result refined = NeuronPruning.prune(inst, ridge, true, Seeds.stream(s, "rounding"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("roundedMse", rounded.mse());
        out.put("roundedSup", rounded.supError());
        out.put("refinedMse", refined.mse());
        out.put("rfMse", rounded.rfMse());
        out.put("kept", rounded.kept().length);
        return out;
    }

    /** The run as the JSON object of {@code result.json} and the CLI's {@code --json}. */
    public static ObjectNode json(Run run) {
        ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("runDir", run.layout().dir().toString());
        ArrayNode pts = o.putArray("points");
        for (Point p : run.result().points()) {
            ObjectNode n = pts.addObject();
            n.put("m", p.m());
            n.put("roundedMse", p.roundedMse());
            n.put("roundedSup", p.roundedSup());
            n.put("refinedMse", p.refinedMse());
            n.put("rfMse", p.rfMse());
            n.put("kept", p.kept());
        }
        o.put("logLogSlope", run.result().fit().slope());
        o.put("r2", run.result().fit().r2());
        o.put("errorShrinksWithWidth", run.result().shrinks());
        o.putArray("claims").add(run.claim().toJson());
        return o;
    }

    /** @return the measured points and the fit, computed here on one thread (no run directory) */
    public Result run() {
        return analyse(tasks().stream().map(t -> t.body().run(t.seed())).toList());
    }

    /**
     * Means over the instances at each width, accumulated in instance order.
     *
     * @param instances every instance's metrics, by width then instance (the order of {@link #tasks()})
     * @return the points and the fit
     */
    private Result analyse(List<? extends Map<String, ?>> instances) {
        List<Point> points = new ArrayList<>();
        int i = 0;
        for (int m : ms) {
            double rm = 0;
            double rs = 0;
            double fm = 0;
            double rf = 0;
            double kept = 0;
            for (int r = 0; r < repeats; r++) {
                Map<String, ?> x = instances.get(i++);
                rm += number(x, "roundedMse") / repeats;
                rs += number(x, "roundedSup") / repeats;
                fm += number(x, "refinedMse") / repeats;
                rf += number(x, "rfMse") / repeats;
                kept += number(x, "kept") / (double) repeats;
            }
            points.add(new Point(m, rm, rs, fm, rf, kept));
        }
        Stats.Fit fit = Stats.line(points.stream().mapToDouble(p -> Math.log(p.m())).toArray(),
                points.stream().mapToDouble(p -> Math.log(p.roundedMse())).toArray());
        return new Result(points, fit, fit.slope() < 0 && fit.r2() >= 0.8);
    }

    private static double number(Map<String, ?> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
