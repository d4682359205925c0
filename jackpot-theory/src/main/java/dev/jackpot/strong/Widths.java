package dev.jackpot.strong;

import dev.jackpot.construct.Construction;
import dev.jackpot.construct.Constructions;
import dev.jackpot.construct.MalachConstruction;
import dev.jackpot.construct.PensiaConstruction;
import dev.jackpot.construct.ReluMlp;
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

/**
 * Width against error for the two strong-ticket constructions on the same fixed target: Pensia et
 * al.'s (NeurIPS 2020) subset sum of n random products per weight, whose error falls exponentially in
 * n (so the width grows like log(1/error)), and Malach et al.'s (ICML 2020) one random product per
 * weight within eps, whose width grows polynomially in 1/eps. Fits:
 * <pre>
 *   Pensia:  ln(max per-weight error) = a + s n            (s &lt; 0; n = -ln(error)/|s| + const)
 *   both:    ln(random parameters)    = a + p ln(1/error)  (p: the polynomial degree; ~0 growth rate
 *                                                           for a logarithmic law)
 * </pre>
 * Deterministic given the spec (every draw is seeded by name), a few seconds at the default scale.
 *
 * @param seed      root seed of the target and the random networks
 * @param widths    target widths d_0..d_l
 * @param ns        Pensia candidate counts per group
 * @param epsilons  Malach per-weight errors, each in (0, 1)
 * @param repeats   random networks per point, positive
 * @param testPoints test inputs for the sup error
 */
public record Widths(long seed, List<Integer> widths, List<Integer> ns, List<Double> epsilons, int repeats,
                     int testPoints) {

    /** Run kind. */
    public static final String KIND = "strong-widths";

    /** Codec; defaults are {@link #quick()}. */
    public static final SpecCodec<Widths> CODEC = new SpecCodec<>(Widths.class, quick());

    /**
     * @throws IllegalArgumentException naming the value when something is out of range
     */
    public Widths {
        widths = List.copyOf(widths);
        ns = List.copyOf(ns);
        epsilons = List.copyOf(epsilons);
        if (widths.size() < 2 || widths.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("widths must list at least two positive widths d_0..d_l, got " + widths);
        }
        for (int n : ns) {
            if (n < 1) {
                throw new IllegalArgumentException("every candidate count must be positive, got " + n);
            }
        }
        for (double e : epsilons) {
            if (!(e > 0 && e < 1)) {
                throw new IllegalArgumentException("every eps must be in (0, 1), got " + e);
            }
        }
        if (ns.size() < 2 || epsilons.size() < 2) {
            throw new IllegalArgumentException("a fit needs at least 2 candidate counts and 2 eps, got " + ns.size()
                    + " and " + epsilons.size());
        }
        if (repeats < 1 || testPoints < 1) {
            throw new IllegalArgumentException("repeats and test points must be positive, got " + repeats + " and "
                    + testPoints);
        }
    }

    /** @return target 4-3-2, n = 4..24 step 2, eps 1e-1..1e-3 in half decades, 3 repeats, 500 test points */
    public static Widths quick() {
        return new Widths(2020, List.of(4, 3, 2), List.of(4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24),
                List.of(1e-1, 3.1622776601683794e-2, 1e-2, 3.1622776601683794e-3, 1e-3), 3, 500);
    }

    /**
     * One point of a curve, averaged over the repeats (geometric means of errors and parameters).
     *
     * @param method     "pensia" or "malach"
     * @param setting    n (Pensia) or eps (Malach)
     * @param maxError   geometric mean of the largest per-weight error
     * @param supError   geometric mean of the sup error on the test inputs
     * @param parameters geometric mean of the random network's parameter count
     */
    public record Point(String method, double setting, double maxError, double supError, double parameters) {
    }

    /**
     * @param layout   run directory
     * @param points   every point
     * @param errorFit Pensia's ln(max error) against n
     * @param pensiaParams Pensia's ln(parameters) against ln(1/max error)
     * @param malachParams Malach's ln(parameters) against ln(1/max error)
     * @param claims   checked claims
     */
    public record Result(RunLayout layout, List<Point> points, Stats.Fit errorFit, Stats.Fit pensiaParams,
                         Stats.Fit malachParams, List<Claim> claims) {
    }

    /** @return the run id: kind + hash of the canonical spec */
    public RunId id() {
        return RunId.of(KIND, CODEC.toTree(this), CODEC.toTree(CODEC.defaults()));
    }

    /**
     * Runs the sweep on one thread and writes plots and report to {@code <root>/strong-widths-<hash>/}.
     *
     * @param root runs directory
     * @return the result
     * @throws IOException if the run cannot be written
     */
    public Result run(Path root) throws IOException {
        return run(root, new LocalTaskExecutor(1), new TaskRunner(), SweepListener.NONE).orElseThrow(
                () -> new IllegalStateException("a construction of the width sweep failed; see 'jackpot results show' "
                        + "on its run directory"));
    }

    /**
     * Runs (or resumes) the sweep, one task per random network (one SQLite row each), and once all have
     * finished fits, plots and reports.
     *
     * @param root     runs directory
     * @param executor where the constructions run (the result does not depend on it)
     * @param runner   the runner (so a caller can stop it)
     * @param listener progress
     * @return the result, or empty if a construction failed or the run was stopped (re-run to resume)
     * @throws IOException if the run cannot be written
     */
    public Optional<Result> run(Path root, TaskExecutor executor, TaskRunner runner, SweepListener listener)
            throws IOException {
        RunLayout layout = new RunLayout(root, id());
        TaskRunner.Outcome outcome = runner.run(layout, CODEC.toYaml(this), Map.of("root", seed), tasks(), new Tasks(),
                executor, listener);
        if (!outcome.complete()) {
            return Optional.empty();
        }
        RunWriter writer = RunWriter.open(layout);
        List<Point> points = new ArrayList<>();
        List<TrialRow> stored = outcome.rows();
        for (int c = 0; c < ns.size() + epsilons.size(); c++) {
            final int cell = c;
            points.add(point(c < ns.size() ? "pensia" : "malach", c < ns.size() ? ns.get(c) : epsilons.get(c - ns.size()),
                    stored.stream().filter(r -> r.cell() == cell).map(TrialRow::metrics).toList()));
        }
        List<Point> pensia = points.stream().filter(p -> p.method().equals("pensia")).toList();
        List<Point> malach = points.stream().filter(p -> p.method().equals("malach")).toList();
        Stats.Fit errorFit = Stats.line(pensia.stream().mapToDouble(Point::setting).toArray(),
                pensia.stream().mapToDouble(p -> Math.log(p.maxError())).toArray());
        Stats.Fit pensiaParams = paramFit(pensia);
        Stats.Fit malachParams = paramFit(malach);

        writer.plot("pensia-error-vs-n", Charts.lines("Pensia et al.: error against candidates per group (target "
                + widths + ")",
                "n (candidates per group; 2n hidden units per input coordinate)", "error", false, true, List.of(
                        new Charts.Series("max per-weight error", xs(pensia, Point::setting), xs(pensia, Point::maxError)),
                        new Charts.Series("sup error on test inputs", xs(pensia, Point::setting), xs(pensia, Point::supError)))));
        writer.plot("parameters-vs-error", Charts.lines("Random-network parameters against the achieved error", "max per-weight error",
                "parameters of the random network", true, true, List.of(
                        new Charts.Series("Pensia (subset sum, log width)", xs(pensia, Point::maxError), xs(pensia, Point::parameters)),
                        new Charts.Series("Malach (one product per weight)", xs(malach, Point::maxError), xs(malach, Point::parameters)))));

        List<Claim> claims = new ArrayList<>();
        claims.add(new Claim("Pensia et al. 2020", "The error falls exponentially in the width (n ~ log(1/error))",
                errorFit.points() >= 3 && errorFit.slope() < 0 && errorFit.r2() >= 0.9,
                "slope of ln(max per-weight error) against n (R^2 " + Numbers.fmt(errorFit.r2()) + ")", errorFit.slope(),
                "ln(error) = " + Numbers.fmt(errorFit.intercept()) + " + " + Numbers.fmt(errorFit.slope()) + " n, i.e. n = "
                        + Numbers.fmt(-1 / errorFit.slope()) + " ln(1/error) + const; reproduced when the slope is negative "
                        + "and R^2 >= 0.9."));
        claims.add(new Claim("Malach et al. 2020", "Malach's width grows polynomially in 1/eps",
                malachParams.points() >= 3 && malachParams.slope() >= 0.5 && malachParams.r2() >= 0.9,
                "exponent p in parameters ~ (1/error)^p (R^2 " + Numbers.fmt(malachParams.r2()) + ")", malachParams.slope(),
                "reproduced when p >= 0.5 with R^2 >= 0.9. Pensia's exponent on the same axes: "
                        + Numbers.fmt(pensiaParams.slope()) + " (a logarithmic law shows as a small, shrinking exponent)."));
        double best = Math.max(pensia.stream().mapToDouble(Point::maxError).min().orElse(1),
                malach.stream().mapToDouble(Point::maxError).min().orElse(1));
        double pensiaAt = paramsAt(pensia, best);
        double malachAt = paramsAt(malach, best);
        claims.add(new Claim("Pensia et al. 2020", "At equal error Pensia's construction needs far fewer parameters than "
                + "Malach's", pensiaAt < malachAt, "Malach / Pensia parameters at error " + Numbers.fmt(best),
                malachAt / pensiaAt, "parameters interpolated (log-log) at the smallest error both reach: Pensia "
                + Numbers.fmt(pensiaAt) + ", Malach " + Numbers.fmt(malachAt) + "; reproduced when Pensia's is smaller."));

        List<List<String>> rows = new ArrayList<>();
        for (Point p : points) {
            rows.add(List.of(p.method(), p.method().equals("pensia") ? Integer.toString((int) p.setting())
                    : Numbers.fmt(p.setting()), Numbers.fmt(p.maxError()), Numbers.fmt(p.supError()), Numbers.fmt(p.parameters())));
        }
        writer.report(new Report("Strong-ticket constructions: width against error", "A fixed random target "
                + widths + " (entries uniform in +-1/sqrt(d_in), Frobenius norm <= 1 per layer) is approximated by pruning "
                + "random networks: Pensia et al.'s with n candidates per group (2n hidden units per input coordinate, one "
                + "subset sum per weight, exact solver), and Malach et al.'s drawing units until one product per weight is "
                + "within eps. Each point is the geometric mean over " + repeats + " random networks; the sup error is "
                + "measured on " + testPoints + " inputs in the unit ball.", CODEC.toYaml(this),
                List.of(new Figure("pensia-error-vs-n", "Pensia: errors against n (log scale): a straight line is an "
                                + "exponential decay, i.e. a width logarithmic in 1/error."),
                        new Figure("parameters-vs-error", "Parameters of the random network against the achieved per-weight "
                                + "error, both constructions (log-log): Malach's is a power law.")),
                List.of(new Table("Points", List.of("method", "n or eps", "max per-weight error", "sup error",
                        "random parameters"), rows)), claims, writer.provenance(seed)));
        return Optional.of(new Result(layout, points, errorFit, pensiaParams, malachParams, claims));
    }

    /**
     * One task per random network: Pensia's n = {@code ns[c]} is cell c (seed
     * {@code Seeds.derive(seed, "widths-pensia", n, r)}), then Malach's eps cells (seed
     * {@code Seeds.derive(seed, "widths-malach", bits(eps), r)}); metrics {@code maxWeightError},
     * {@code supError}, {@code randomParameters}. The target and the test inputs are drawn once.
     *
     * @return the tasks, by cell then network
     */
    public List<TaskRunner.Task> tasks() {
        int[] w = widths.stream().mapToInt(Integer::intValue).toArray();
        ReluMlp target = ReluMlp.randomTarget(w, seed);
        double[][] inputs = Constructions.testInputs(w[0], testPoints, seed);
        List<TaskRunner.Task> tasks = new ArrayList<>();
        int cell = 0;
        for (int n : ns) {
            for (int r = 0; r < repeats; r++) {
                tasks.add(new TaskRunner.Task("c" + cell + "-t" + r, cell, r, Seeds.derive(seed, "widths-pensia", n, r),
                        Map.of("method", "pensia", "setting", n),
                        s -> metrics(PensiaConstruction.build(target, n, s), inputs)));
            }
            cell++;
        }
        for (double e : epsilons) {
            for (int r = 0; r < repeats; r++) {
                tasks.add(new TaskRunner.Task("c" + cell + "-t" + r, cell, r,
                        Seeds.derive(seed, "widths-malach", Double.doubleToLongBits(e), r),
                        Map.of("method", "malach", "setting", e), s -> metrics(MalachConstruction.build(target, e, s),
                        inputs)));
            }
            cell++;
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

    private static Map<String, Object> metrics(Construction c, double[][] inputs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxWeightError", c.maxWeightError());
        m.put("supError", c.supError(inputs));
        m.put("randomParameters", c.randomParameters());
        return m;
    }

    /** The geometric means over a cell's networks, accumulated in network order. */
    private Point point(String method, double setting, List<? extends Map<String, ?>> networks) {
        double le = 0;
        double ls = 0;
        double lp = 0;
        for (Map<String, ?> c : networks) {
            le += Math.log(Math.max(number(c, "maxWeightError"), 1e-300)) / repeats;
            ls += Math.log(Math.max(number(c, "supError"), 1e-300)) / repeats;
            lp += Math.log(number(c, "randomParameters")) / repeats;
        }
        return new Point(method, setting, Math.exp(le), Math.exp(ls), Math.exp(lp));
    }

    private static double number(Map<String, ?> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    private static Stats.Fit paramFit(List<Point> pts) {
        return Stats.line(pts.stream().mapToDouble(p -> Math.log(1 / p.maxError())).toArray(),
                pts.stream().mapToDouble(p -> Math.log(p.parameters())).toArray());
    }

    /** Parameters at {@code error}, interpolated log-log between the two nearest points (nearest if outside). */
    private static double paramsAt(List<Point> pts, double error) {
        List<Point> sorted = new ArrayList<>(pts);
        sorted.sort((a, b) -> Double.compare(b.maxError(), a.maxError()));
        for (int i = 1; i < sorted.size(); i++) {
            Point a = sorted.get(i - 1);
            Point b = sorted.get(i);
            if (error <= a.maxError() && error >= b.maxError()) {
                double t = (Math.log(error) - Math.log(a.maxError())) / (Math.log(b.maxError()) - Math.log(a.maxError()));
                return Math.exp(Math.log(a.parameters()) + t * (Math.log(b.parameters()) - Math.log(a.parameters())));
            }
        }
        Point nearest = sorted.get(error > sorted.get(0).maxError() ? 0 : sorted.size() - 1);
        return nearest.parameters();
    }

    private static double[] xs(List<Point> pts, java.util.function.ToDoubleFunction<Point> f) {
        return pts.stream().mapToDouble(f).toArray();
    }
}
