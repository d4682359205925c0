package dev.jackpot.strong;

import static dev.jackpot.report.Numbers.fmt;

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
import dev.jackpot.report.Report;
import dev.jackpot.report.Table;
import dev.jackpot.rng.Seeds;
import dev.jackpot.run.RunWriter;
import dev.jackpot.store.TrialRow;
import dev.jackpot.subsetsum.Coverage;
import dev.jackpot.sweep.Stats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lueker's random subset sum, measured: the probability that n random candidates approximate every
 * target in [-1, 1] within eta, against n, for uniform candidates and for products of two uniforms
 * (Pensia et al.'s), with and without the eps-perturbation of Xiong et al. (eps = ratio * eta).
 *
 * <p>Each trial draws one candidate set and computes its exact coverage radius over the continuum
 * of targets ({@link Coverage#radius}), which answers every eta at once. n_50(eta), the n at which
 * half the sets cover [-1, 1] within eta, is interpolated linearly between grid points, and fitted as
 * <pre>
 *   n_50 = c ln(1/eta) + b
 * </pre>
 * by least squares. Lueker's theorem says n = O(log 1/eta) suffices w.h.p.; the fit measures c.
 * n_50 values at the first grid point (censored below) or never reached (censored above) are left
 * out of the fit and shown as such.
 */
public final class Lueker {

    /** Run kind of the experiment's run directories. */
    public static final String KIND = "lueker";

    /** Spec codec; its defaults are the quick scale. */
    public static final SpecCodec<LuekerSpec> CODEC = new SpecCodec<>(LuekerSpec.class, LuekerSpec.quick());

    private Lueker() {
    }

    /**
     * The fitted line of one (law, ratio) curve.
     *
     * @param law   the candidate law
     * @param ratio eps / eta
     * @param n50   n_50 per eta (NaN where censored)
     * @param fit   the least-squares line of n_50 against ln(1/eta)
     */
    public record Curve(CandidateLaw law, double ratio, double[] n50, Stats.Fit fit) {
    }

    /**
     * The outcome of a run.
     *
     * @param layout   its run directory
     * @param complete whether every trial finished (only then is the analysis done)
     * @param computed trials computed by this invocation
     * @param curves   one per (law, ratio), empty when incomplete
     * @param claims   the checked claims, empty when incomplete
     */
    public record Result(RunLayout layout, boolean complete, int computed, List<Curve> curves, List<Claim> claims) {
    }

    /**
     * @param spec the experiment
     * @return its run id
     */
    public static RunId id(LuekerSpec spec) {
        return RunId.of(KIND, CODEC.toTree(spec), CODEC.toTree(CODEC.defaults()));
    }

    /**
     * The metric that says whether a trial covers [-1, 1] within {@code eta}.
     *
     * @param eta the accuracy
     * @return e.g. {@code covered@1.00e-02}
     */
    public static String coveredMetric(double eta) {
        return String.format(Locale.ROOT, "covered@%.2e", eta);
    }

    /**
     * One trial: whether n candidates of the law cover [-1, 1] within each eta with eps = ratio * eta.
     *
     * @param spec  the experiment (for its etas)
     * @param law   the law
     * @param ratio eps / eta
     * @param n     candidates
     * @param seed  the trial's seed
     * @return metrics: {@code radius} (ratio 0 only; exact when at most the largest eta, NaN above) and
     *         one {@link #coveredMetric} per eta
     */
    public static LinkedHashMap<String, Object> trial(LuekerSpec spec, CandidateLaw law, double ratio, int n,
                                                      long seed) {
        double[] x = law.draw(dev.jackpot.rng.Rng.of(seed), n);
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        double etaMax = spec.etas().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (ratio == 0) {
            double r = Coverage.radius(x, 0, etaMax);
            m.put("radius", r <= etaMax ? r : Double.NaN);
            for (double eta : spec.etas()) {
                m.put(coveredMetric(eta), r <= eta);
            }
        } else {
            for (double eta : spec.etas()) {
                m.put(coveredMetric(eta), Coverage.radius(x, ratio * eta, eta) <= eta);
            }
        }
        return m;
    }

    /**
     * The trials of the experiment: cells ordered by law, ratio, n; trial t of (law, n) uses the seed
     * {@code Seeds.derive(seed, "lueker-" + law, n, t)} whatever the ratio, so ratios are compared on
     * the same candidate sets.
     *
     * @param spec the experiment
     * @return the tasks
     */
    public static List<TaskRunner.Task> tasks(LuekerSpec spec) {
        List<TaskRunner.Task> tasks = new ArrayList<>();
        int cell = 0;
        for (CandidateLaw law : spec.laws()) {
            for (double ratio : spec.ratios()) {
                for (int n = spec.nFrom(); n <= spec.nTo(); n++) {
                    Map<String, Object> coords = new LinkedHashMap<>();
                    coords.put("law", law.label());
                    coords.put("ratio", ratio);
                    coords.put("n", n);
                    for (int t = 0; t < spec.trials(); t++) {
                        long seed = Seeds.derive(spec.seed(), "lueker-" + law.label(), n, t);
                        int nn = n;
                        tasks.add(new TaskRunner.Task("c" + cell + "-t" + t, cell, t, seed, coords,
                                s -> trial(spec, law, ratio, nn, s)));
                    }
                    cell++;
                }
            }
        }
        return tasks;
    }

    /**
     * Runs (or resumes) the experiment and, once complete, analyses it and writes plots and report.
     *
     * @param spec     the experiment
     * @param root     the runs directory
     * @param threads  worker threads
     * @param runner   the runner (so a caller can stop it)
     * @param listener progress
     * @return the outcome
     * @throws IOException if the run cannot be written
     */
    public static Result run(LuekerSpec spec, Path root, int threads, TaskRunner runner, SweepListener listener)
            throws IOException {
        return run(spec, root, new LocalTaskExecutor(threads), runner, listener);
    }

    /**
     * Runs (or resumes) the experiment on an executor (local threads or a cluster; the rows are the same)
     * and, once complete, analyses it and writes plots and report.
     *
     * @param spec     the experiment
     * @param root     the runs directory
     * @param executor where the trials run
     * @param runner   the runner (so a caller can stop it)
     * @param listener progress
     * @return the outcome
     * @throws IOException if the run cannot be written or the executor's job fails
     */
    public static Result run(LuekerSpec spec, Path root, TaskExecutor executor, TaskRunner runner,
                             SweepListener listener) throws IOException {
        RunLayout layout = new RunLayout(root, id(spec));
        TaskRunner.Outcome outcome = runner.run(layout, CODEC.toYaml(spec), Map.of("root", spec.seed()), tasks(spec),
                new Tasks(), executor, listener);
        if (!outcome.complete()) {
            return new Result(layout, false, outcome.computed(), List.of(), List.of());
        }
        return analyse(spec, outcome, layout);
    }

    /**
     * Rebuilds this experiment's tasks from its spec YAML (for executors in other JVMs), registered in
     * {@code META-INF/services/dev.jackpot.jobs.TaskSource}.
     */
    public static final class Tasks implements TaskSource {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public List<TaskRunner.Task> tasks(String specYaml) {
            return Lueker.tasks(CODEC.parseYaml(specYaml));
        }
    }

    /**
     * Success rate per eta (rows) and n (columns) of one (law, ratio).
     *
     * @param spec  the experiment
     * @param rows  the rows
     * @param law   the law
     * @param ratio eps / eta
     * @return success[eta index][n - nFrom]
     */
    public static double[][] success(LuekerSpec spec, List<TrialRow> rows, CandidateLaw law, double ratio) {
        double[][] hits = new double[spec.etas().size()][spec.nCount()];
        double[] count = new double[spec.nCount()];
        for (TrialRow r : rows) {
            if (!r.isOk()) {
                continue;
            }
            Map<String, Object> c = r.coordinates();
            if (!law.label().equals(c.get("law")) || ((Number) c.get("ratio")).doubleValue() != ratio) {
                continue;
            }
            int j = ((Number) c.get("n")).intValue() - spec.nFrom();
            count[j]++;
            Map<String, Object> m = r.metrics();
            for (int e = 0; e < spec.etas().size(); e++) {
                if (Boolean.TRUE.equals(m.get(coveredMetric(spec.etas().get(e))))) {
                    hits[e][j]++;
                }
            }
        }
        for (double[] row : hits) {
            for (int j = 0; j < row.length; j++) {
                row[j] = count[j] > 0 ? row[j] / count[j] : Double.NaN;
            }
        }
        return hits;
    }

    /**
     * The n at which {@code rate} first reaches 1/2, interpolated linearly between grid points; NaN
     * when it is reached at the first point (censored below) or never (censored above).
     *
     * @param n    the grid
     * @param rate success rate at each n
     * @return n_50
     */
    public static double n50(double[] n, double[] rate) {
        for (int i = 0; i < n.length; i++) {
            if (rate[i] >= 0.5) {
                if (i == 0) {
                    return Double.NaN;
                }
                double t = (0.5 - rate[i - 1]) / (rate[i] - rate[i - 1]);
                return n[i - 1] + t * (n[i] - n[i - 1]);
            }
        }
        return Double.NaN;
    }

    private static Result analyse(LuekerSpec spec, TaskRunner.Outcome outcome, RunLayout layout) throws IOException {
        RunWriter writer = RunWriter.open(layout);
        double[] ns = new double[spec.nCount()];
        for (int j = 0; j < ns.length; j++) {
            ns[j] = spec.nFrom() + j;
        }
        double[] logInv = spec.etas().stream().mapToDouble(e -> Math.log(1 / e)).toArray();
        List<Curve> curves = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        List<Charts.Series> n50Series = new ArrayList<>();
        for (CandidateLaw law : spec.laws()) {
            for (double ratio : spec.ratios()) {
                double[][] s = success(spec, outcome.rows(), law, ratio);
                List<Charts.Series> lines = new ArrayList<>();
                double[] n50 = new double[spec.etas().size()];
                for (int e = 0; e < n50.length; e++) {
                    lines.add(new Charts.Series("eta = " + fmt(spec.etas().get(e)), ns, s[e]));
                    n50[e] = n50(ns, s[e]);
                }
                String name = "success-" + law.label() + "-ratio" + fmt(ratio);
                writer.plot(name, Charts.lines("P(every z in [-1,1] within eta): " + law.label() + ", eps/eta = "
                        + fmt(ratio), "n (candidates)", "success rate", false, false, lines));
                figures.add(new Figure(name, "Success rate against n, " + law.label() + " candidates, eps = "
                        + fmt(ratio) + " eta; one line per eta, " + spec.trials() + " trials per point."));
                Stats.Fit fit = Stats.line(logInv, n50);
                curves.add(new Curve(law, ratio, n50, fit));
                String label = law.label() + ", eps/eta=" + fmt(ratio);
                n50Series.add(new Charts.Series(label + " (n_50)", logInv, n50));
                if (Double.isFinite(fit.slope())) {
                    double[] line = new double[logInv.length];
                    for (int e = 0; e < line.length; e++) {
                        line[e] = fit.intercept() + fit.slope() * logInv[e];
                    }
                    n50Series.add(new Charts.Series(label + " fit c=" + fmt(fit.slope()), logInv, line));
                }
            }
        }
        writer.plot("n50-fit", Charts.lines("n_50 against ln(1/eta), least-squares lines", "ln(1/eta)", "n_50", false,
                false, n50Series));
        figures.add(new Figure("n50-fit", "n_50 (50% of candidate sets cover [-1, 1] within eta) against ln(1/eta), "
                + "with the fitted lines n_50 = c ln(1/eta) + b."));

        List<Claim> claims = claims(spec, curves);
        List<Table> tables = tables(spec, curves);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("run", layout.id().toString());
        provenance.put("trials", Integer.toString(outcome.rows().size()));
        provenance.put("root seed", Long.toString(spec.seed()));
        String summary = "Lueker's random subset sum: for each n, " + spec.trials() + " independent sets of n candidates "
                + "(uniform on [-1, 1], or products of two uniforms as in Pensia et al.) are drawn, and each set's exact "
                + "coverage radius sup_{z in [-1,1]} min_S max(0, |sum_S x - z| - eps |S|) is computed over the continuum "
                + "of targets (all 2^n subset sums, merged in order). A set succeeds at eta when the radius is at most "
                + "eta; eps = ratio x eta is Xiong et al.'s perturbation (ratio 0: plain subset sum). The same candidate "
                + "sets are used for every ratio, so perturbation can only help and its effect is measured paired. "
                + "n_50 is interpolated between grid points and fitted as n_50 = c ln(1/eta) + b; censored n_50 (reached "
                + "at the first n, or never) are left out of the fit.";
        writer.report(new Report("Lueker's random subset sum: n against log(1/eta)", summary, CODEC.toYaml(spec),
                figures, tables, claims, provenance));
        return new Result(layout, true, outcome.computed(), curves, claims);
    }

    private static List<Table> tables(LuekerSpec spec, List<Curve> curves) {
        List<String> header = new ArrayList<>();
        header.add("eta");
        header.add("ln(1/eta)");
        for (Curve c : curves) {
            header.add(c.law().label() + ", eps/eta=" + fmt(c.ratio()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int e = 0; e < spec.etas().size(); e++) {
            List<String> row = new ArrayList<>();
            row.add(fmt(spec.etas().get(e)));
            row.add(fmt(Math.log(1 / spec.etas().get(e))));
            for (Curve c : curves) {
                row.add(Double.isNaN(c.n50()[e]) ? "censored" : fmt(c.n50()[e]));
            }
            rows.add(row);
        }
        List<List<String>> fits = new ArrayList<>();
        for (Curve c : curves) {
            fits.add(List.of(c.law().label(), fmt(c.ratio()), fmt(c.fit().slope()), fmt(c.fit().slope() * Math.log(2)),
                    fmt(c.fit().intercept()), fmt(c.fit().r2()), Integer.toString(c.fit().points())));
        }
        return List.of(new Table("n_50 per eta (interpolated; censored = reached at the first n or never)", header, rows),
                new Table("Fits n_50 = c ln(1/eta) + b", List.of("law", "eps/eta", "c (per ln)", "c ln 2 (per bit)", "b",
                        "R^2", "points"), fits));
    }

    private static List<Claim> claims(LuekerSpec spec, List<Curve> curves) {
        List<Claim> claims = new ArrayList<>();
        for (Curve c : curves) {
            if (c.ratio() != 0) {
                continue;
            }
            Stats.Fit f = c.fit();
            boolean ok = f.points() >= 3 && f.slope() > 0 && f.r2() >= 0.9;
            claims.add(new Claim("Lueker 1998", "n_50 grows linearly in log(1/eta) (" + c.law().label() + " candidates)",
                    ok, "c in n_50 = c ln(1/eta) + b (R^2 " + fmt(f.r2()) + ", " + f.points() + " points)", f.slope(),
                    "n_50 = " + fmt(f.intercept()) + " + " + fmt(f.slope()) + " ln(1/eta), i.e. " + fmt(f.slope() * Math.log(2))
                            + " candidates per bit of accuracy; reproduced when the slope is positive and R^2 >= 0.9 "
                            + "over at least 3 uncensored points."));
        }
        Curve uniform = find(curves, CandidateLaw.UNIFORM, 0);
        Curve product = find(curves, CandidateLaw.PRODUCT, 0);
        if (uniform != null && product != null) {
            claims.add(compare("Pensia et al. 2020", "Products of two uniforms need more candidates than uniforms",
                    product.n50(), uniform.n50(), "products", "uniforms"));
        }
        for (Curve c : curves) {
            Curve base = find(curves, c.law(), 0);
            if (c.ratio() == 0 || base == null) {
                continue;
            }
            Claim cmp = compare("Xiong et al. 2023", "The perturbation eps = " + fmt(c.ratio()) + " eta reduces n_50 ("
                    + c.law().label() + " candidates)", base.n50(), c.n50(), "eps = 0", "eps = " + fmt(c.ratio()) + " eta");
            claims.add(new Claim(cmp.figure(), cmp.claim(), cmp.status(), cmp.statistic(), cmp.value(), cmp.detail()
                    + " Fitted c: " + fmt(base.fit().slope()) + " without perturbation, " + fmt(c.fit().slope())
                    + " with (ratio " + fmt(c.fit().slope() / base.fit().slope()) + "). The candidate sets are the same, "
                    + "so a perturbed n_50 can never exceed the unperturbed one; the claim's content is the size of the gap."));
        }
        return claims;
    }

    /** Claims that {@code more} exceeds {@code less} at every eta where both are uncensored. */
    private static Claim compare(String source, String text, double[] more, double[] less, String moreName,
                                 String lessName) {
        int both = 0;
        int greater = 0;
        double diff = 0;
        for (int e = 0; e < more.length; e++) {
            if (Double.isFinite(more[e]) && Double.isFinite(less[e])) {
                both++;
                diff += more[e] - less[e];
                if (more[e] > less[e]) {
                    greater++;
                }
            }
        }
        double mean = both > 0 ? diff / both : Double.NaN;
        boolean ok = both >= 2 && greater == both;
        return new Claim(source, text, ok, "mean n_50 difference (" + moreName + " - " + lessName + ")", mean,
                "n_50 larger for " + moreName + " than for " + lessName + " at " + greater + " of " + both
                        + " etas where both are uncensored; reproduced when it is larger at every such eta (at least 2).");
    }

    private static Curve find(List<Curve> curves, CandidateLaw law, double ratio) {
        for (Curve c : curves) {
            if (c.law() == law && c.ratio() == ratio) {
                return c;
            }
        }
        return null;
    }

}
