package dev.jackpot.strong;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.construct.Construction;
import dev.jackpot.construct.Constructions;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
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
import dev.jackpot.ticket.Ticket;
import dev.jackpot.ticket.TicketFormat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run directory of one strong-ticket construction ({@code jackpot construct pensia|malach}):
 * {@code <root>/construct-<method>-<hash>/} with {@code spec.yaml} ({@link ConstructRunSpec}),
 * {@code manifest.json}, {@code plots/weight-errors.png} and {@code .svg}, {@code ticket.npz},
 * {@code report.html}, {@code report.md} and {@code result.json} (last). The hash covers the spec
 * only, so the same construction always writes the same directory.
 *
 * <p>The report has a table per target layer and three checked claims:
 * <ul>
 *   <li>the sup error on the test points is at most {@link Constructions#supErrorBound} at the
 *       requested eps, the bound a construction whose every per-weight error is within eps
 *       guarantees (Pensia et al. w.h.p. for their n; Malach et al. when no unit budget runs out);</li>
 *   <li>every per-weight error is within eps (the number of failures is reported);</li>
 *   <li>the sup error is at most the same bound at the achieved largest per-weight error, which holds
 *       for any pruned network of this form (a check of the construction's bookkeeping).</li>
 * </ul>
 *
 * <p>The ticket: target layer i becomes random layers {@code layer<2i-1>.weight} (h_i x d_{i-1}) and
 * {@code layer<2i>.weight} (d_i x h_i), in PyTorch's (out, in) order; {@code mask/} is 1 where the
 * pruned network keeps an entry, {@code init/} is the random network and {@code final/} the pruned one
 * (equal to mask times init; no training happens). The construction computes in double precision;
 * the file holds float32, so the weights are rounded to the nearest float (relative error at most
 * 6e-8 per weight); masked entries stay exactly zero.
 */
public final class ConstructRun {

    /** The plot's base name under {@code plots/}. */
    public static final String PLOT = "weight-errors";

    /** The ticket's file name in the run directory. */
    public static final String TICKET = "ticket.npz";

    private ConstructRun() {
    }

    /**
     * The written run.
     *
     * @param layout the run directory
     * @param json   the object of {@code result.json} (the CLI's {@code --json} output)
     * @param claims the checked claims
     */
    public record Run(RunLayout layout, ObjectNode json, List<Claim> claims) {
    }

    /**
     * @param spec the spec
     * @return the run id: {@code construct-<method>-<hash of the spec>}
     */
    public static RunId id(ConstructRunSpec spec) {
        return RunId.of("construct-" + spec.method(), SpecCodec.json().valueToTree(spec),
                SpecCodec.json().createObjectNode());
    }

    /**
     * Writes the run directory of a finished construction.
     *
     * @param root     the runs directory
     * @param spec     what was built
     * @param c        the construction
     * @param supError the sup error on the spec's test points
     * @param seconds  the construction's wall time
     * @param started  when the command started
     * @return the run
     * @throws IOException if the run directory cannot be written
     */
    public static Run write(Path root, ConstructRunSpec spec, Construction c, double supError, double seconds,
                            Instant started) throws IOException {
        RunLayout layout = new RunLayout(root, id(spec));
        RunWriter w = RunWriter.open(layout);
        String yaml = SpecCodec.yaml().writeValueAsString(spec);
        w.spec(yaml);
        int[] widths = spec.widthArray();
        double eps = spec.eps();
        double maxErr = c.maxWeightError();
        double promised = Constructions.supErrorBound(widths, eps);
        double achieved = Constructions.supErrorBound(widths, maxErr);
        double[][][] errors = c.weightErrors();
        long failures = 0;
        for (double[][] layer : errors) {
            for (double[] row : layer) {
                for (double e : row) {
                    failures += e > eps ? 1 : 0;
                }
            }
        }

        List<Claim> claims = List.of(
                new Claim(citation(spec.method()), "The sup error on the test points is at most the bound the "
                        + "construction promises at the requested eps", supError <= promised,
                        "sup error / bound at eps (bound " + Numbers.fmt(promised) + ")", supError / promised,
                        "bound Delta_l with Delta_i = Delta_{i-1} + eps sqrt(d_{i-1} d_i) (1 + Delta_{i-1}) "
                                + "(Constructions.supErrorBound), valid when every per-weight error is within eps; "
                                + spec.testPoints() + " test points in the unit ball."),
                new Claim(citation(spec.method()), "Every per-weight error is within eps", failures == 0,
                        "weights with error > eps", failures, "largest per-weight error " + Numbers.fmt(maxErr)
                        + " against eps " + eps + "."),
                new Claim("Constructions.supErrorBound", "The sup error is at most the bound at the achieved largest "
                        + "per-weight error", supError <= achieved, "sup error / bound at the largest error (bound "
                        + Numbers.fmt(achieved) + ")", supError / achieved, "holds for any pruned network of this "
                        + "form: a check of the construction, not of the paper."));

        ObjectNode json = json(layout, spec, c, supError, achieved, failures, promised, claims, seconds);

        List<Charts.Series> series = new ArrayList<>();
        int longest = 1;
        for (int i = 0; i < errors.length; i++) {
            double[] e = Arrays.stream(errors[i]).flatMapToDouble(Arrays::stream).sorted().toArray();
            double[] rank = new double[e.length];
            for (int k = 0; k < e.length; k++) {
                rank[k] = k + 1;
            }
            longest = Math.max(longest, e.length);
            series.add(new Charts.Series("target layer " + (i + 1) + " (" + e.length + " weights)", rank, e));
        }
        series.add(new Charts.Series("eps = " + eps, new double[] {1, longest}, new double[] {eps, eps}));
        w.plot(PLOT, Charts.lines("Per-weight errors of the " + spec.method() + " construction, sorted",
                "rank within the layer", "per-weight error max(|s1 - w|, |s2 + w|)", false, true, series));

        Ticket ticket = ticket(c, SpecCodec.json().writeValueAsString(spec), spec.method());
        w.ticket(TICKET, ticket, TicketFormat.NPZ);

        Map<String, String> provenance = w.provenance(spec.seed());
        provenance.put("ticket", TICKET + " (mask/, init/ = random network, final/ = pruned network; float32)");
        String summary = String.format(Locale.ROOT, "The %s construction pruned a random network of depth %d (hidden "
                        + "widths %s) into an approximation of a random target %s with requested per-weight error %s, "
                        + "seed %d. Sup error %s over %d test points with ||x|| <= 1 (bound at eps %s); largest "
                        + "per-weight error %s, %d of %d weights above eps. Parameters: target %d, random %d, kept %d; "
                        + "over-parameterisation %.1f x, %.1f candidates per weight; %.3f s.", spec.method(),
                2 * (widths.length - 1), Arrays.toString(c.hiddenWidths()), spec.widths(), eps, spec.seed(),
                Numbers.fmt(supError), spec.testPoints(), Numbers.fmt(promised), Numbers.fmt(maxErr), failures,
                c.targetParameters(), c.targetParameters(), c.randomParameters(), c.keptParameters(),
                c.overParameterisation(), c.meanCandidates(), seconds);
        w.report(new Report("Strong ticket by construction: " + spec.method() + " " + spec.widths(), summary,
                yaml, List.of(new Figure(PLOT, "Per-weight errors of each target layer in increasing order (log "
                        + "scale) against the requested eps: a curve above the eps line is a failure.")),
                List.of(layerTable(c, eps)), claims, provenance));

        Map<String, Long> seeds = new TreeMap<>();
        seeds.put("root", spec.seed());
        seeds.put("construct-test", Seeds.derive(spec.seed(), "construct-test"));
        for (int i = 0; i < widths.length - 1; i++) {
            seeds.put("construct-target-" + i, Seeds.derive(spec.seed(), "construct-target", i));
        }
        w.manifest(1, seeds, started);
        w.result(json);
        return new Run(layout, json, claims);
    }

    /**
     * The construction as a ticket: per random layer k (1-based) the tensors {@code layer<k>.weight}
     * in the groups mask (1 where the pruned network is non-zero), init (the random network) and
     * final (the pruned network), rounded to float32; no rewind weights.
     *
     * @param c        the construction
     * @param specJson the spec as JSON text
     * @param method   the construction's name, stored as metadata
     * @return the ticket
     */
    public static Ticket ticket(Construction c, String specJson, String method) {
        double[][][] random = c.random().weights();
        double[][][] pruned = c.pruned().weights();
        List<NamedTensor> masks = new ArrayList<>();
        List<NamedTensor> init = new ArrayList<>();
        List<NamedTensor> fin = new ArrayList<>();
        for (int k = 0; k < random.length; k++) {
            int rows = random[k].length;
            int cols = random[k][0].length;
            float[] m = new float[rows * cols];
            float[] w0 = new float[rows * cols];
            float[] w = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    int at = r * cols + j;
                    w0[at] = (float) random[k][r][j];
                    w[at] = (float) pruned[k][r][j];
                    m[at] = pruned[k][r][j] != 0 ? 1f : 0f;
                }
            }
            String name = "layer" + (k + 1) + ".weight";
            int[] shape = {rows, cols};
            masks.add(new NamedTensor(name, shape, m));
            init.add(new NamedTensor(name, shape.clone(), w0));
            fin.add(new NamedTensor(name, shape.clone(), w));
        }
        // An ordered map: Map.of's iteration order changes between JVMs, and with it the ticket's bytes.
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("method", method);
        metadata.put("precision", "float32, rounded from the double-precision construction");
        return new Ticket(TensorSet.of(masks), TensorSet.of(init), TensorSet.of(List.of()), TensorSet.of(fin), specJson,
                metadata);
    }

    private static Table layerTable(Construction c, double eps) {
        double[][][] errors = c.weightErrors();
        long[][][] candidates = c.candidates();
        double[][][] random = c.random().weights();
        double[][][] pruned = c.pruned().weights();
        int[] d = c.target().widths();
        int[] h = c.hiddenWidths();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < errors.length; i++) {
            double max = 0;
            double sum = 0;
            long count = 0;
            long over = 0;
            double cand = 0;
            for (int r = 0; r < errors[i].length; r++) {
                for (int j = 0; j < errors[i][r].length; j++) {
                    double e = errors[i][r][j];
                    max = Math.max(max, e);
                    sum += e;
                    count++;
                    over += e > eps ? 1 : 0;
                    cand += candidates[i][r][j];
                }
            }
            long rnd = nonZero(random[2 * i]) + nonZero(random[2 * i + 1]);
            long kept = nonZero(pruned[2 * i]) + nonZero(pruned[2 * i + 1]);
            rows.add(List.of(Integer.toString(i + 1), d[i + 1] + " x " + d[i], Integer.toString(h[i]),
                    Long.toString(rnd), Long.toString(kept), Numbers.fmt(max), Numbers.fmt(sum / count),
                    Long.toString(over), Numbers.fmt(cand / count)));
        }
        return new Table("Per target layer", List.of("layer", "target shape", "hidden width", "random parameters",
                "kept", "max error", "mean error", "errors > eps", "candidates per weight"), rows);
    }

    private static long nonZero(double[][] w) {
        long n = 0;
        for (double[] row : w) {
            for (double v : row) {
                n += v != 0 ? 1 : 0;
            }
        }
        return n;
    }

    private static String citation(String method) {
        return method.equals("pensia") ? "Pensia et al. 2020" : "Malach et al. 2020";
    }

    private static ObjectNode json(RunLayout layout, ConstructRunSpec spec, Construction c, double sup, double bound,
                                   long failures, double promised, List<Claim> claims, double seconds) {
        ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("runDir", layout.dir().toString());
        o.put("method", c.method());
        ArrayNode w = o.putArray("widths");
        spec.widths().forEach(w::add);
        o.put("eps", spec.eps());
        if (spec.n() != null) {
            o.put("n", spec.n());
        }
        if (spec.maxUnits() != null) {
            o.put("maxUnits", spec.maxUnits());
        }
        o.put("seed", spec.seed());
        o.put("testPoints", spec.testPoints());
        o.put("supError", sup);
        o.put("maxWeightError", c.maxWeightError());
        o.put("supErrorBound", bound);
        o.put("supErrorBoundAtEps", promised);
        o.put("withinEps", c.maxWeightError() <= spec.eps());
        o.put("failures", failures);
        o.put("randomParameters", c.randomParameters());
        o.put("keptParameters", c.keptParameters());
        o.put("targetParameters", c.targetParameters());
        o.put("overParameterisation", c.overParameterisation());
        ArrayNode h = o.putArray("hiddenWidths");
        Arrays.stream(c.hiddenWidths()).forEach(h::add);
        o.put("meanCandidatesPerWeight", c.meanCandidates());
        o.put("seconds", seconds);
        o.put("ticket", layout.dir().resolve(TICKET).toString());
        ArrayNode cs = o.putArray("claims");
        claims.forEach(cl -> cs.add(cl.toJson()));
        return o;
    }
}
