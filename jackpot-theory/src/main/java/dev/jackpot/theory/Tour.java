package dev.jackpot.theory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.plot.Charts;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.run.RunWriter;
import dev.jackpot.subsetsum.SubsetSumProblem;
import dev.jackpot.subsetsum.SubsetSumResult;
import dev.jackpot.subsetsum.SubsetSumStrategy;
import dev.jackpot.teacher.AgdSpec;
import dev.jackpot.teacher.Dataset;
import dev.jackpot.teacher.InitSpec;
import dev.jackpot.teacher.MaskSource;
import dev.jackpot.teacher.MaskSpec;
import dev.jackpot.teacher.OverlapMode;
import dev.jackpot.teacher.Recovery;
import dev.jackpot.teacher.Task;
import dev.jackpot.teacher.Teacher;
import dev.jackpot.teacher.TeacherSpec;
import dev.jackpot.teacher.TeacherTrialSpec;
import dev.jackpot.teacher.TensorInitialiser;
import dev.jackpot.teacher.TrialListener;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A short demonstration of every capability Jackpot has, each step writing real runs:
 * one teacher-student trial at the default size; AGD against GD on the same trial; learner
 * masks from magnitude and GraSP scores; the tensor initialisation's error against N; the binary
 * task; supports with different overlaps and their r-tilde; random subset sum (exact, grid, with
 * perturbation); one reproduced figure of the paper (Fig. 4,
 * quick scale). Results go to {@code runs/tour-<hash>/}
 * (summary.md, summary.json, plots) and the teacher runs to their own {@code runs/teacher-<hash>/}.
 */
public final class Tour {

    /** The run kind. */
    public static final String KIND = "tour";

    private Tour() {
    }

    /**
     * The tour's only parameter.
     *
     * @param seed root seed of every trial in the tour
     */
    public record TourSpec(long seed) {
    }

    /**
     * What the tour produced.
     *
     * @param layout  the tour's run directory
     * @param summary the summary object (as in summary.json)
     */
    public record Outcome(RunLayout layout, ObjectNode summary) {
    }

    /**
     * A step that lives in another module, such as the lottery step of {@code jackpot-nn}, which this
     * module cannot depend on (it would bring DJL to every user of the theory).
     */
    @FunctionalInterface
    public interface Step {
        /**
         * @param root    the directory holding runs
         * @param summary the tour's summary; the step adds its own object
         * @param md      the tour's markdown summary; the step appends its section
         * @throws IOException if a run cannot be written
         */
        void run(Path root, ObjectNode summary, StringBuilder md) throws IOException;
    }

    /** Section 10 where no deep-network step is given: says what would have run. */
    public static final Step NO_DEEP_NETWORKS = (root, summary, md) -> {
        md.append("## 10. Lottery tickets on real data\n\nSkipped: this tour ran without jackpot-nn.\n\n");
        summary.putObject("lottery").put("skipped", "this tour ran without jackpot-nn");
    };

    /**
     * Runs every step.
     *
     * @param root     the directory holding runs
     * @param seed     root seed
     * @param lottery  section 10, the weak lottery-ticket pipeline (from {@code jackpot-nn}), or
     *                 {@link #NO_DEEP_NETWORKS}
     * @param steps    told the name of each step as it starts
     * @return the outcome
     * @throws IOException if a run cannot be written
     */
    public static Outcome run(Path root, long seed, Step lottery, Consumer<String> steps) throws IOException {
        SpecCodec<TourSpec> codec = new SpecCodec<>(TourSpec.class, new TourSpec(1));
        TourSpec spec = new TourSpec(seed);
        RunLayout layout = new RunLayout(root, RunId.of(KIND, codec.toTree(spec), null));
        RunWriter writer = RunWriter.open(layout);
        writer.spec(codec.toYaml(spec));
        Instant started = Instant.now();
        ObjectNode summary = SpecCodec.json().createObjectNode();
        StringBuilder md = new StringBuilder("# Jackpot tour (seed " + seed + ")\n\n");

        steps.accept("teacher: one trial, K=10 d=300 N=5000 r=20");
        TeacherTrialSpec base = TeacherTrialSpec.defaults(10, 300, 5000, 20, seed);
        TeacherRun.Outcome first = TeacherRun.run(base, root, 1, false, TrialListener.NONE);
        summary.set("teacher", withDir(first));
        md.append("## 1. Learning a pruned teacher (Algorithm 1)\n\n")
                .append(line(first.metrics(), "K=10, d=300, N=5000, r=20, W(0) at relative distance 0.2"))
                .append("Run: `").append(first.layout().dir()).append("`\n\n");

        steps.accept("agd-vs-gd: momentum against plain gradient descent");
        TeacherTrialSpec far = base.withInit(InitSpec.lambda(0.5));
        TeacherRun.Outcome agd = TeacherRun.run(far, root, 1, false, TrialListener.NONE);
        TeacherRun.Outcome gd = TeacherRun.run(far.withAgd(AgdSpec.DEFAULT.withBeta(0)), root, 1, false, TrialListener.NONE);
        double[][] agdCurve = TeacherRun.readRecoveryCurve(agd.layout());
        double[][] gdCurve = TeacherRun.readRecoveryCurve(gd.layout());
        writer.plot("agd-vs-gd", Charts.lines("AGD (beta = 0.2) against GD (beta = 0), K=10 d=300 N=5000 r=20",
                "iteration",
                "relative error ||W - W*||/||W*|| (log scale)", false, true,
                List.of(new Charts.Series("AGD, beta = 0.2", agdCurve[0], agdCurve[1]),
                        new Charts.Series("GD, beta = 0", gdCurve[0], gdCurve[1]))));
        ObjectNode cmp = summary.putObject("agdVsGd");
        cmp.put("agdIterations", agd.metrics().get("iterations").asInt());
        cmp.put("gdIterations", gd.metrics().get("iterations").asInt());
        cmp.put("plot", layout.plot("agd-vs-gd", "png").toString());
        md.append("## 2. Acceleration\n\nFrom relative distance 0.5, AGD converged in ")
                .append(cmp.get("agdIterations")).append(" iterations and GD in ").append(cmp.get("gdIterations"))
                .append(".\n\n![AGD vs GD](plots/agd-vs-gd.png)\n\n");

        steps.accept("masks: oracle, magnitude and GraSP learner masks");
        md.append("## 3. Learner masks (K=5, d=100, r*=20, N=200, pruning ratio 0.6)\n\n")
                .append("| mask | mask accuracy | pruning ratio | r-tilde | test error | recovery error |\n")
                .append("|---|---|---|---|---|---|\n");
        ArrayNode masks = summary.putArray("masks");
        TeacherTrialSpec small = TeacherTrialSpec.defaults(5, 100, 200, 20, seed).withInit(InitSpec.lambda(0.3));
        for (MaskSpec m : List.of(MaskSpec.ORACLE, MaskSpec.pruned(MaskSource.MAGNITUDE, 0.6),
                MaskSpec.pruned(MaskSource.GRASP, 0.6))) {
            TeacherRun.Outcome o = TeacherRun.run(small.withMask(m), root, 1, false, TrialListener.NONE);
            ObjectNode row = withDir(o);
            row.put("mask", m.source().name().toLowerCase(Locale.ROOT));
            masks.add(row);
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.1f | %.2e | %.2e |%n", row.get("mask").asText(),
                    row.get("maskAccuracy").asDouble(), row.get("pruningRatio").asDouble(), row.get("rTilde").asDouble(),
                    row.get("testError").asDouble(), row.get("recoveryError").asDouble()));
        }
        md.append('\n');

        steps.accept("tensor: tensor initialisation error against N");
        tensorStep(seed, writer, summary, md);

        steps.accept("binary: classification labels and cross-entropy");
        TeacherTrialSpec binary = TeacherTrialSpec.defaults(3, 30, 5000, 5, seed)
                .withTeacher(TeacherSpec.of(3, 30, 5).withTask(Task.BINARY)).withInit(InitSpec.lambda(0.3));
        TeacherRun.Outcome bin = TeacherRun.run(binary, root, 1, false, TrialListener.NONE);
        summary.set("binary", withDir(bin));
        md.append("## 5. Binary labels (K=3, d=30, r=5, N=5000, cross-entropy)\n\n")
                .append(line(bin.metrics(), "labels y ~ Bernoulli(g(x; W*))"))
                .append("One bit per sample recovers W* only approximately.\n\n");

        steps.accept("overlap: supports with different overlaps and their r-tilde");
        md.append("## 6. Overlap and r-tilde (K=10, d=300, r_j=20)\n\n| supports | r-tilde | iterations | success |\n|---|---|---|---|\n");
        ArrayNode overlaps = summary.putArray("overlap");
        for (Map.Entry<String, TeacherSpec> e : List.of(
                Map.entry("full overlap", TeacherSpec.of(10, 300, 20)),
                Map.entry("2 disjoint groups", TeacherSpec.of(10, 300, 20).withOverlap(OverlapMode.GROUPS, 2)),
                Map.entry("10 disjoint neurons", TeacherSpec.of(10, 300, 20).withOverlap(OverlapMode.GROUPS, 10)),
                Map.entry("independent", TeacherSpec.of(10, 300, 20).withOverlap(OverlapMode.INDEPENDENT, 1)))) {
            TeacherRun.Outcome o = TeacherRun.run(base.withTeacher(e.getValue()), root, 1, false, TrialListener.NONE);
            ObjectNode row = withDir(o);
            row.put("supports", e.getKey());
            overlaps.add(row);
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %d | %s |%n", e.getKey(), row.get("rTilde").asDouble(),
                    row.get("iterations").asInt(), row.get("success").asBoolean()));
        }
        md.append('\n');

        steps.accept("subset-sum: approximating a target by a subset of random numbers");
        subsetSumStep(seed, summary, md);

        steps.accept("construct: approximating a target network by pruning a random one");
        constructStep(seed, summary, md);

        steps.accept("lueker: how many random numbers cover every target in [-1, 1] within eta");
        luekerStep(root, summary, md);

        steps.accept("lottery: iterative magnitude pruning of LeNet-300-100 on Fashion-MNIST (DJL), tiny scale");
        lottery.run(root, summary, md);

        steps.accept("figure: Zhang et al. (2021) Fig. 4, sample complexity, quick scale");
        dev.jackpot.repro.Zhang2021.FigureRun fig4 = dev.jackpot.repro.Zhang2021.run(4, dev.jackpot.repro.Scale.QUICK, root,
                Runtime.getRuntime().availableProcessors(), new dev.jackpot.sweep.SweepRunner(),
                dev.jackpot.jobs.SweepListener.NONE);
        ObjectNode fig = summary.putObject("figure4");
        fig.put("runDir", fig4.layout().dir().toString());
        fig.put("report", fig4.layout().dir().resolve("report.html").toString());
        ArrayNode claims = fig.putArray("claims");
        md.append("## 11. A reproduced figure: Zhang et al. (2021), Fig. 4 (quick scale)\n\n");
        for (dev.jackpot.report.Claim c : fig4.claims()) {
            claims.add(c.toJson());
            md.append(String.format(Locale.ROOT, "- %s: **%s** (%s = %.3g)%n", c.claim(),
                    c.status().label(), c.statistic(), c.value()));
        }
        md.append("\nReport: `").append(fig4.layout().dir().resolve("report.html")).append("`\n\n");

        writer.text("summary.md", md.toString());
        writer.json("summary.json", summary);
        writer.manifest(1, Map.of("seed", seed), started);
        return new Outcome(layout, summary);
    }

    private static void tensorStep(long seed, RunWriter writer, ObjectNode summary, StringBuilder md)
            throws IOException {
        TeacherSpec ts = TeacherSpec.of(3, 30, 6);
        Teacher teacher = Teacher.draw(ts, Seeds.stream(seed, "tour-tensor-teacher"));
        int[] sizes = {1_000, 10_000, 100_000, 1_000_000};
        double[] xs = new double[sizes.length];
        double[] errors = new double[sizes.length];
        ArrayNode rows = summary.putArray("tensorInit");
        md.append("## 4. Tensor initialisation (K=3, d=30, r=6): error of W(0) against N\n\n| N | relative error of W(0) |\n|---|---|\n");
        for (int i = 0; i < sizes.length; i++) {
            Dataset data = Dataset.draw(teacher, sizes[i], Seeds.derive(seed, "tour-tensor-data", i), true);
            Rng rng = Seeds.stream(seed, "tour-tensor", i);
            double[][] w0 = TensorInitialiser.estimate(data, teacher.mask(), rng).weights();
            xs[i] = sizes[i];
            errors[i] = Recovery.relativeError(w0, teacher.weights());
            ObjectNode row = rows.addObject();
            row.put("n", sizes[i]);
            row.put("initError", errors[i]);
            md.append(String.format(Locale.ROOT, "| %d | %.3f |%n", sizes[i], errors[i]));
        }
        double[][] population = TensorInitialiser.fromPopulation(teacher, teacher.mask(), Seeds.stream(seed, "tour-tensor-pop")).weights();
        double popError = Recovery.relativeError(population, teacher.weights());
        summary.put("tensorInitPopulationError", popError);
        md.append(String.format(Locale.ROOT, "%nWith exact population moments the error is %.1e: the method is exact, and "
                + "its error comes from estimating fourth moments from samples.%n%n", popError));
        md.append("![tensor init](plots/tensor-init.png)\n\n");
        writer.plot("tensor-init", Charts.lines("Tensor initialisation: relative error of W(0) against N (K=3, d=30, "
                        + "r=6)", "samples N (log scale)", "min_P ||W(0) - W*P|| / ||W*|| (log scale)", true, true,
                List.of(new Charts.Series("empirical moments", xs, errors))));
    }

    /**
     * Strong-LTH building block: the closest subset sum of n uniform candidates in [-1, 1] to a target,
     * exact (meet in the middle) and on a grid, and with each chosen value allowed to move by eps.
     */
    private static void subsetSumStep(long seed, ObjectNode summary, StringBuilder md) {
        md.append("## 7. Random subset sum (the building block of strong lottery tickets)\n\n")
                .append("| n | eps | solver | error | proven optimal | ms |\n|---|---|---|---|---|---|\n");
        ArrayNode rows = summary.putArray("subsetSum");
        for (int n : new int[]{20, 36}) {
            double[] values = new double[n];
            Rng rng = Seeds.stream(seed, "tour-subset-sum", n);
            for (int i = 0; i < n; i++) {
                values[i] = rng.uniform(-1, 1);
            }
            for (double eps : new double[]{0, 1e-3}) {
                SubsetSumProblem problem = new SubsetSumProblem(values, 0.7071, eps);
                for (SubsetSumStrategy strategy : List.of(SubsetSumStrategy.EXACT, SubsetSumStrategy.GRID)) {
                    long t0 = System.nanoTime();
                    SubsetSumResult r = strategy.solve(problem, java.util.OptionalDouble.empty());
                    double ms = (System.nanoTime() - t0) / 1e6;
                    ObjectNode row = rows.addObject();
                    row.put("n", n);
                    row.put("eps", eps);
                    row.put("solver", r.solver());
                    row.put("error", r.error());
                    row.put("optimal", r.optimal());
                    md.append(String.format(Locale.ROOT, "| %d | %s | %s | %.2e | %s | %.1f |%n", n, eps, r.solver(),
                            r.error(), r.optimal(), ms));
                }
            }
        }
        md.append("\nTarget 0.7071. With n = O(log 1/eta) candidates every target is reachable within eta (Lueker); "
                + "a perturbation budget eps per chosen value closes the gap.\n\n");
    }

    /**
     * Strong lottery tickets by construction: a 5-5-1 ReLU target approximated by pruning a random
     * network twice as deep, with Pensia et al.'s subset-sum construction (logarithmic width) and
     * Malach et al.'s one-product-per-weight construction (polynomial width).
     */
    private static void constructStep(long seed, ObjectNode summary, StringBuilder md) {
        md.append("## 8. Pruning a random network to approximate a target (5-5-1 ReLU target)\n\n")
                .append("| construction | eps | sup error | over-parameterisation |\n|---|---|---|---|\n");
        ArrayNode rows = summary.putArray("construct");
        dev.jackpot.construct.ReluMlp target = dev.jackpot.construct.ReluMlp.randomTarget(new int[]{5, 5, 1},
                Seeds.derive(seed, "tour-construct-target"));
        double[][] inputs = dev.jackpot.construct.Constructions.testInputs(5, 500, Seeds.derive(seed, "tour-construct-x"));
        for (double eps : new double[]{1e-2, 1e-3}) {
            long cseed = Seeds.derive(seed, "tour-construct", Math.round(-Math.log10(eps)));
            Map<String, dev.jackpot.construct.Construction> built = new java.util.LinkedHashMap<>();
            built.put("Pensia et al. (subset sum)", dev.jackpot.construct.PensiaConstruction.build(target,
                    dev.jackpot.construct.PensiaConstruction.defaultN(eps), cseed));
            built.put("Malach et al. (one product)", dev.jackpot.construct.MalachConstruction.build(target, eps, cseed));
            for (Map.Entry<String, dev.jackpot.construct.Construction> e : built.entrySet()) {
                double sup = e.getValue().supError(inputs);
                ObjectNode row = rows.addObject();
                row.put("construction", e.getKey());
                row.put("eps", eps);
                row.put("supError", sup);
                row.put("overParameterisation", e.getValue().overParameterisation());
                md.append(String.format(Locale.ROOT, "| %s | %s | %.2e | %.0fx |%n", e.getKey(), eps, sup,
                        e.getValue().overParameterisation()));
            }
        }
        md.append("\nPensia's width grows like log(1/eps), Malach's like 1/eps.\n\n");
    }

    /**
     * Lueker's random subset sum at a tiny scale (about a second): the success rate of covering every
     * target in [-1, 1] within eta against n, and the fitted n_50 = c ln(1/eta) + b, with and without a
     * perturbation eps = eta.
     */
    private static void luekerStep(Path root, ObjectNode summary, StringBuilder md) throws IOException {
        dev.jackpot.strong.LuekerSpec spec = new dev.jackpot.strong.LuekerSpec(1998,
                List.of(dev.jackpot.strong.CandidateLaw.UNIFORM), List.of(0.0, 1.0), 2, 13,
                List.of(1e-1, 3.1622776601683794e-2, 1e-2, 3.1622776601683794e-3), 16);
        dev.jackpot.strong.Lueker.Result r = dev.jackpot.strong.Lueker.run(spec, root,
                Runtime.getRuntime().availableProcessors(), new dev.jackpot.jobs.TaskRunner(),
                dev.jackpot.jobs.SweepListener.NONE);
        ObjectNode o = summary.putObject("lueker");
        o.put("runDir", r.layout().dir().toString());
        md.append("## 9. Lueker's random subset sum (tiny scale; `jackpot strong lueker` runs the full experiment)\n\n")
                .append("| eps / eta | c in n_50 = c ln(1/eta) + b | b | R^2 |\n|---|---|---|---|\n");
        ArrayNode fits = o.putArray("fits");
        for (dev.jackpot.strong.Lueker.Curve c : r.curves()) {
            ObjectNode f = fits.addObject();
            f.put("ratio", c.ratio());
            f.put("c", c.fit().slope());
            f.put("r2", c.fit().r2());
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.3f |%n", c.ratio(), c.fit().slope(),
                    c.fit().intercept(), c.fit().r2()));
        }
        md.append("\nReport: `").append(r.layout().dir().resolve("report.html")).append("`\n\n");
    }

    private static ObjectNode withDir(TeacherRun.Outcome o) {
        ObjectNode row = o.metrics().deepCopy();
        row.put("runDir", o.layout().dir().toString());
        return row;
    }

    private static String line(ObjectNode m, String what) {
        return String.format(Locale.ROOT, "%s: %d iterations, recovery error %.2e, test error %.2e, success %s, "
                        + "r-tilde %.1f, %.2f s.%n%n", what, m.get("iterations").asInt(), m.get("recoveryError").asDouble(),
                m.get("testError").asDouble(), m.get("success").asBoolean(), m.get("rTilde").asDouble(),
                m.get("seconds").asDouble());
    }
}
