package dev.jackpot.nn.strong;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.construct.PensiaDirect;
import dev.jackpot.construct.PensiaDirectResult;
import dev.jackpot.construct.ReluMlp;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.FashionMnist;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.data.Subsample;
import dev.jackpot.nn.model.InitScheme;
import dev.jackpot.nn.model.Initialiser;
import dev.jackpot.nn.model.Mlp;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.train.Evaluation;
import dev.jackpot.nn.train.MaskedTrainer;
import dev.jackpot.nn.train.TrainListener;
import dev.jackpot.nn.train.TrainResult;
import dev.jackpot.nn.train.TrainSpec;
import dev.jackpot.plot.Charts;
import dev.jackpot.report.Claim;
import dev.jackpot.report.Figure;
import dev.jackpot.report.Numbers;
import dev.jackpot.report.Report;
import dev.jackpot.report.Table;
import dev.jackpot.rng.Seeds;
import dev.jackpot.run.RunWriter;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs {@link PensiaExp1Spec}: trains the bias-free MLP 784-h-10 on Fashion-MNIST (inputs scaled to
 * [0, 1], not centred, as the reference's {@code ToTensor} only), approximates every weight with
 * {@link PensiaDirect} (candidates from {@code Seeds.derive(seed, "candidates")}), evaluates both
 * networks on the same test images with the same DJL forward pass, and writes
 * {@code <root>/strong-pensia-exp1-<hash>/}: {@code spec.yaml}, {@code manifest.json},
 * {@code plots/subset-sizes.png}, {@code report.html}, {@code report.md} and {@code result.json} (last).
 *
 * <p>The approximated network is evaluated in float32, the engine's precision: each approximated
 * weight (a double sum) is rounded once to float, as the trained target's weights are floats. The
 * errors reported are the exact double errors |w - sum_S a| against the float target widened to double.
 *
 * <p>Claims: "approximated accuracy equals target accuracy" within
 * {@link PensiaExp1Spec#ACCURACY_TOLERANCE_POINTS} points (the paper: 97.19% both, on MNIST), and
 * "every per-weight error is at most eps" (no failure).
 */
public final class PensiaExp1 {

    private PensiaExp1() {
    }

    /** Progress; library code never prints. Methods default to no-ops. */
    public interface Listener {
        /** No progress. */
        Listener NONE = new Listener() {
        };

        /**
         * @param step  training steps done
         * @param total training steps in all
         */
        default void trainStep(long step, long total) {
        }

        /**
         * @param done  rows approximated
         * @param total rows in all
         */
        default void rowsDone(int done, int total) {
        }
    }

    /**
     * @param layout            run directory
     * @param spec              the spec
     * @param n                 candidates per row
     * @param diverged          whether training diverged (then nothing was approximated and the figures below are NaN)
     * @param targetAccuracy    the target's test accuracy, in [0, 1]
     * @param approxAccuracy    the approximated network's test accuracy, in [0, 1]
     * @param maxError          largest per-weight error
     * @param meanError         mean per-weight error
     * @param failures          weights with error above eps
     * @param targetWeights     weights of the target
     * @param candidates        n x target weights (the reference's count)
     * @param distinctCandidates n x rows, the random scalars actually drawn
     * @param kept              total size of the chosen subsets
     * @param keptRatio         kept / target weights
     * @param trainSeconds      wall time of training
     * @param approxSeconds     wall time of the approximation
     * @param threads           threads of the approximation
     * @param testExamples      test images evaluated
     * @param claims            checked claims
     * @param layers            per-layer figures (empty when training diverged)
     * @param redrawnRows       rows whose candidates were drawn again ({@link PensiaExp1Spec#redraws})
     */
    public record Result(RunLayout layout, PensiaExp1Spec spec, int n, boolean diverged, double targetAccuracy,
                         double approxAccuracy, double maxError, double meanError, long failures, long targetWeights,
                         long candidates, long distinctCandidates, long kept, double keptRatio, double trainSeconds,
                         double approxSeconds, int threads, int testExamples, List<Claim> claims, List<Layer> layers,
                         int redrawnRows) {

        /** @return (approximated - target) accuracy in percentage points */
        public double differencePoints() {
            return 100 * (approxAccuracy - targetAccuracy);
        }
    }

    /**
     * One layer's figures.
     *
     * @param name     the parameter name, e.g. {@code fc1.weight}
     * @param rows     output neurons (candidate vectors)
     * @param cols     inputs
     * @param min      min W, the candidates' lower bound
     * @param max      max W, the candidates' upper bound
     * @param maxError the largest per-weight error
     * @param failures weights with error above eps
     * @param failingRows rows (candidate vectors) with at least one failure
     */
    public record Layer(String name, int rows, int cols, double min, double max, double maxError, long failures,
                        int failingRows) {
    }

    /**
     * @param spec     the spec
     * @param root     the runs directory
     * @param compute  where to train and evaluate
     * @param threads  threads of the approximation (the result does not depend on it)
     * @param listener progress
     * @return the result
     * @throws IOException if the data cannot be read or the run directory written
     */
    public static Result run(PensiaExp1Spec spec, Path root, Compute compute, int threads, Listener listener)
            throws IOException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(listener, "listener");
        Instant started = Instant.now();
        RunLayout layout = new RunLayout(root, RunId.of(PensiaExp1Spec.KIND, PensiaExp1Spec.CODEC.toTree(spec),
                PensiaExp1Spec.CODEC.toTree(PensiaExp1Spec.defaults())));
        RunWriter writer = RunWriter.open(layout);
        writer.spec(PensiaExp1Spec.CODEC.toYaml(spec));
        Map<String, Long> seeds = new TreeMap<>();
        for (String name : List.of("subsample", "test-subsample", "init", "train", "candidates")) {
            seeds.put(name, Seeds.derive(spec.seed(), name));
        }
        DataSplit data = load(spec);
        ImageDataset train = data.train();
        Network network = new Mlp("mlp-784-" + spec.hidden() + "-10-nobias",
                new int[] {train.channels(), train.height(), train.width()}, new int[] {spec.hidden()}, train.classes(),
                false);
        TrainSpec trainSpec = TrainSpec.adam(spec.learningRate(), spec.batchSize(), spec.epochs(), seeds.get("train"));
        MaskedTrainer trainer = new MaskedTrainer(compute, network, data, Normalisation.unit(train.channels()), trainSpec);
        TensorSet init = Initialiser.initialise(network, seeds.get("init"), InitScheme.KAIMING_NORMAL);
        long t0 = System.nanoTime();
        TrainResult trained = trainer.train(init, TensorSet.of(), new TrainListener() {
            @Override
            public void onStep(long step, long total, double loss) {
                listener.trainStep(step, total);
            }
        });
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        int n = spec.n();
        Result result;
        if (trained.diverged()) {
            List<Claim> claims = List.of(
                    new Claim("Pensia et al. 2020, exp. 1", "Approximated accuracy equals target accuracy",
                            Claim.Status.NOT_TESTED, "training diverged", Double.NaN, "the target's training loss became non-finite; nothing was approximated."),
                    new Claim("Pensia et al. 2020, exp. 1", "Every per-weight error is at most eps",
                            Claim.Status.NOT_TESTED, "training diverged", Double.NaN, "nothing was approximated."));
            result = new Result(layout, spec, n, true, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
                    network.prunableCount(), 0, 0, 0, Double.NaN, trainSeconds, 0, threads, data.test().size(), claims,
                    List.of(), 0);
        } else {
            TensorSet weights = trained.weights();
            ReluMlp target = toMlp(weights, spec.hidden());
            PensiaDirectResult approx = PensiaDirect.approximate(target, n, spec.eps(), seeds.get("candidates"), threads,
                    spec.redraws(), listener::rowsDone);
            TensorSet approxWeights = toTensors(approx.approximated(), weights);
            Evaluation te = trainer.evaluate(weights, TensorSet.of(), data.test());
            Evaluation ae = trainer.evaluate(approxWeights, TensorSet.of(), data.test());
            double diff = 100 * (ae.accuracy() - te.accuracy());
            List<Claim> claims = List.of(
                    new Claim("Pensia et al. 2020, exp. 1", "Approximated accuracy equals target accuracy",
                            Math.abs(diff) <= PensiaExp1Spec.ACCURACY_TOLERANCE_POINTS,
                            "approximated - target test accuracy (points)", diff,
                            String.format(Locale.ROOT, "target %.2f%%, approximated %.2f%% on %d test images; reproduced "
                                    + "when the difference is within %.1f points (the paper: 97.19%% both, MNIST).",
                                    100 * te.accuracy(), 100 * ae.accuracy(), data.test().size(),
                                    PensiaExp1Spec.ACCURACY_TOLERANCE_POINTS)),
                    new Claim("Pensia et al. 2020, exp. 1", "Every per-weight error is at most eps"
                            + (spec.redraws() > 0 ? " (failing rows' candidates drawn again, up to " + spec.redraws()
                            + " times: not the reference's procedure)" : ""),
                            approx.failures() == 0, "max per-weight error", approx.maxError(),
                            String.format(Locale.ROOT, "eps = %s, n = %d; %d of %d weights above eps (failures); "
                                    + "reproduced when there is none.%s", spec.eps(), n, approx.failures(),
                                    approx.targetWeights(), spec.redraws() == 0 ? "" : String.format(Locale.ROOT,
                                            " %d rows drew their candidates again (%d vectors drawn for %d rows).",
                                            approx.redrawnRows(), approx.vectorsDrawn(), spec.hidden() + 10))));
            result = new Result(layout, spec, n, false, te.accuracy(), ae.accuracy(), approx.maxError(),
                    approx.meanError(), approx.failures(), approx.targetWeights(), approx.candidateCount(),
                    approx.distinctCandidates(), approx.keptCount(), approx.keptRatio(), trainSeconds, approx.seconds(),
                    threads, data.test().size(), claims, layers(approx, weights), approx.redrawnRows());
            writePlot(writer, approx, target);
        }
        writeReport(writer, result, spec);
        writer.manifest(compute.threads(), seeds, started);
        writer.result(json(result));
        return result;
    }

    /** The result as the JSON object of {@code result.json} and the CLI's {@code --json}. */
    public static ObjectNode json(Result r) {
        ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("runDir", r.layout().dir().toString());
        o.put("eps", r.spec().eps());
        o.put("c", r.spec().c());
        o.put("n", r.n());
        o.put("hidden", r.spec().hidden());
        o.put("diverged", r.diverged());
        o.put("testExamples", r.testExamples());
        o.put("targetAccuracy", r.targetAccuracy());
        o.put("approxAccuracy", r.approxAccuracy());
        o.put("differencePoints", r.differencePoints());
        o.put("maxError", r.maxError());
        o.put("meanError", r.meanError());
        o.put("failures", r.failures());
        o.put("targetWeights", r.targetWeights());
        o.put("candidates", r.candidates());
        o.put("distinctCandidates", r.distinctCandidates());
        o.put("kept", r.kept());
        o.put("keptRatio", r.keptRatio());
        o.put("trainSeconds", r.trainSeconds());
        o.put("approxSeconds", r.approxSeconds());
        o.put("approxThreads", r.threads());
        if (r.spec().redraws() > 0) {
            o.put("redraws", r.spec().redraws());
            o.put("redrawnRows", r.redrawnRows());
        }
        var layers = o.putArray("layers");
        for (Layer l : r.layers()) {
            ObjectNode ln = layers.addObject();
            ln.put("name", l.name());
            ln.put("rows", l.rows());
            ln.put("cols", l.cols());
            ln.put("min", l.min());
            ln.put("max", l.max());
            ln.put("maxError", l.maxError());
            ln.put("failures", l.failures());
            ln.put("failingRows", l.failingRows());
        }
        var claims = o.putArray("claims");
        r.claims().forEach(c -> claims.add(c.toJson()));
        return o;
    }

    private static List<Layer> layers(PensiaDirectResult approx, TensorSet weights) {
        List<Layer> out = new ArrayList<>();
        for (int l = 0; l < approx.layers(); l++) {
            NamedTensor t = weights.list().get(l);
            double[] range = approx.range(l);
            out.add(new Layer(t.name(), t.shape()[0], t.shape()[1], range[0], range[1], approx.maxError(l),
                    approx.failures(l), approx.failingRows(l)));
        }
        return out;
    }

    private static DataSplit load(PensiaExp1Spec spec) throws IOException {
        DataSplit full = spec.dataPath().isBlank() ? FashionMnist.load() : FashionMnist.load(Path.of(spec.dataPath()));
        return DataSplit.of(subsample(full.train(), spec.trainSize(), Seeds.derive(spec.seed(), "subsample")),
                subsample(full.test(), spec.testSize(), Seeds.derive(spec.seed(), "test-subsample")));
    }

    private static ImageDataset subsample(ImageDataset data, int n, long seed) {
        if (n == 0 || n >= data.size()) {
            return data;
        }
        return data.subset(Subsample.balanced(data, n, Seeds.stream(seed, "subsample")));
    }

    /** fc1.weight [h, 784] and fc2.weight [10, h] (row-major, rows = output neurons) as a ReluMlp in double. */
    static ReluMlp toMlp(TensorSet weights, int hidden) {
        List<NamedTensor> list = weights.list();
        double[][][] w = new double[list.size()][][];
        for (int l = 0; l < list.size(); l++) {
            NamedTensor t = list.get(l);
            int rows = t.shape()[0];
            int cols = t.shape()[1];
            float[] v = t.values();
            w[l] = new double[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    w[l][r][c] = v[r * cols + c];
                }
            }
        }
        return new ReluMlp(w);
    }

    /** The approximated weights, rounded once to float, under the names and shapes of {@code like}. */
    static TensorSet toTensors(ReluMlp mlp, TensorSet like) {
        double[][][] w = mlp.weights();
        List<NamedTensor> out = new ArrayList<>();
        List<NamedTensor> list = like.list();
        for (int l = 0; l < list.size(); l++) {
            NamedTensor t = list.get(l);
            int cols = t.shape()[1];
            float[] v = new float[t.size()];
            for (int r = 0; r < w[l].length; r++) {
                for (int c = 0; c < cols; c++) {
                    v[r * cols + c] = (float) w[l][r][c];
                }
            }
            out.add(t.withValues(v));
        }
        return TensorSet.of(out);
    }

    private static void writePlot(RunWriter writer, PensiaDirectResult approx, ReluMlp target) throws IOException {
        int n = approx.n();
        double[] x = new double[n + 1];
        double[] y = new double[n + 1];
        int[] widths = target.widths();
        for (int l = 0; l + 1 < widths.length; l++) {
            for (int k = 0; k < widths[l + 1]; k++) {
                for (int j = 0; j < widths[l]; j++) {
                    y[Integer.bitCount(approx.mask(l, k, j))]++;
                }
            }
        }
        for (int s = 0; s <= n; s++) {
            x[s] = s;
            y[s] /= approx.targetWeights();
        }
        writer.plot("subset-sizes", Charts.lines("Kept candidates per weight (n = " + n + ", eps = " + approx.eps() + ")",
                "subset size |S| (candidates kept for one weight)", "fraction of target weights", false, false,
                List.of(new Charts.Series("weights", x, y))));
    }

    private static void writeReport(RunWriter writer, Result r, PensiaExp1Spec spec) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("target test accuracy", pct(r.targetAccuracy())));
        rows.add(List.of("approximated test accuracy", pct(r.approxAccuracy())));
        rows.add(List.of("difference (points)", String.format(Locale.ROOT, "%+.2f", r.differencePoints())));
        rows.add(List.of("test images", Integer.toString(r.testExamples())));
        rows.add(List.of("n (candidates per row)", Integer.toString(r.n())));
        rows.add(List.of("max / mean per-weight error", Numbers.fmt(r.maxError()) + " / " + Numbers.fmt(r.meanError())));
        rows.add(List.of("failures (error > eps)", r.failures() + " of " + r.targetWeights()));
        rows.add(List.of("candidates (n x weights)", Long.toString(r.candidates())));
        rows.add(List.of("distinct random scalars (n x rows)", Long.toString(r.distinctCandidates())));
        rows.add(List.of("kept (total subset size)", Long.toString(r.kept())));
        rows.add(List.of("kept / target weights", String.format(Locale.ROOT, "%.3f", r.keptRatio())));
        rows.add(List.of("training seconds", String.format(Locale.ROOT, "%.1f", r.trainSeconds())));
        rows.add(List.of("approximation seconds (" + r.threads() + " threads)",
                String.format(Locale.ROOT, "%.2f", r.approxSeconds())));
        rows.add(List.of("paper (MNIST, n = 21, Gurobi, 36 cores)", "97.19% both; 8,337,000 candidates; 3,725,871 kept "
                + "(9.39x); 77,266 s"));
        List<Figure> figures = r.diverged() ? List.of() : List.of(new Figure("subset-sizes",
                "Distribution of the number of candidates kept per target weight."));
        writer.report(new Report("Pensia et al. experiment 1: direct subset-sum approximation of a trained MLP",
                "A bias-free MLP 784-" + spec.hidden() + "-10 is trained on Fashion-MNIST (" + spec.epochs()
                        + " epochs of Adam, inputs in [0, 1]). Every weight w of row k (output neuron) of a layer W is "
                        + "replaced by the subset sum nearest to it of the row's n = c round(log2(1/eps)) = " + r.n()
                        + " scalars drawn from U[min W, max W], one vector per row shared by all its weights, as the "
                        + "reference code does; the optimum per weight is exact (all 2^n sums of a row sorted once, one "
                        + "binary search per weight) where the reference used Gurobi. Fashion-MNIST figures are a "
                        + "project check, not the paper's MNIST numbers.",
                PensiaExp1Spec.CODEC.toYaml(spec), figures,
                List.of(new Table("Figures", List.of("quantity", "value"), rows), new Table("Layers",
                        List.of("layer", "shape", "candidate range [min W, max W]", "max error", "failures",
                                "rows with a failure"),
                        r.layers().stream().map(l -> List.of(l.name(), l.rows() + " x " + l.cols(),
                                "[" + Numbers.fmt(l.min()) + ", " + Numbers.fmt(l.max()) + "]", Numbers.fmt(l.maxError()),
                                Long.toString(l.failures()), Integer.toString(l.failingRows()))).toList())),
                r.claims(), writer.provenance(spec.seed())));
    }

    private static String pct(double a) {
        return Double.isNaN(a) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * a);
    }
}
