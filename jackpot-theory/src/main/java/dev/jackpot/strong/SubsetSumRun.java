package dev.jackpot.strong;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.plot.Charts;
import dev.jackpot.report.Figure;
import dev.jackpot.report.Numbers;
import dev.jackpot.report.Report;
import dev.jackpot.report.Table;
import dev.jackpot.rng.Seeds;
import dev.jackpot.run.RunWriter;
import dev.jackpot.subsetsum.SubsetSumProblem;
import dev.jackpot.subsetsum.SubsetSumResult;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run directory of one solved subset-sum instance ({@code jackpot subset-sum}):
 * {@code <root>/subset-sum-<hash>/} with {@code spec.yaml} ({@link SubsetSumRunSpec}),
 * {@code manifest.json}, {@code plots/partial-sums.png} and {@code .svg}, {@code report.html},
 * {@code report.md} and {@code result.json} (last). The hash covers the spec only, so solving the same
 * instance again writes the same directory.
 *
 * <p>The plot shows the chosen candidates added one at a time, largest |x_i| first: the partial sum
 * after k of them against k, beside the target z with the band z +- eps k within which k candidates
 * that may each move by eps can reach z (no band when eps = 0).
 */
public final class SubsetSumRun {

    /** Run kind. */
    public static final String KIND = "subset-sum";

    /** The plot's base name under {@code plots/}. */
    public static final String PLOT = "partial-sums";

    private SubsetSumRun() {
    }

    /**
     * The written run.
     *
     * @param layout the run directory
     * @param json   the object of {@code result.json} (the CLI's {@code --json} output)
     */
    public record Run(RunLayout layout, ObjectNode json) {
    }

    /**
     * @param spec the spec
     * @return the run id: {@code subset-sum-<hash of the spec>}
     */
    public static RunId id(SubsetSumRunSpec spec) {
        return RunId.of(KIND, SpecCodec.json().valueToTree(spec), SpecCodec.json().createObjectNode());
    }

    /**
     * Writes the run directory of a solved instance.
     *
     * @param root     the runs directory
     * @param spec     what was solved
     * @param problem  the instance (the candidates given or drawn)
     * @param result   the solver's answer
     * @param gridStep the grid step the grid solver used, NaN for the exact solvers
     * @param seconds  the solver's wall time
     * @param started  when the command started
     * @return the run
     * @throws IOException if the run directory cannot be written
     */
    public static Run write(Path root, SubsetSumRunSpec spec, SubsetSumProblem problem, SubsetSumResult result,
                            double gridStep, double seconds, Instant started) throws IOException {
        RunLayout layout = new RunLayout(root, id(spec));
        RunWriter w = RunWriter.open(layout);
        String yaml = SpecCodec.yaml().writeValueAsString(spec);
        w.spec(yaml);
        ObjectNode json = json(layout, spec, problem, result, gridStep, seconds);

        int[] order = chosenByMagnitude(problem, result.subset());
        int k = order.length;
        double[] steps = new double[k + 1];
        double[] partial = new double[k + 1];
        double[] target = new double[k + 1];
        double[] band = new double[k + 1];
        double sum = 0;
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i <= k; i++) {
            if (i > 0) {
                double x = problem.value(order[i - 1]);
                sum += x;
                rows.add(List.of(Integer.toString(i), Integer.toString(order[i - 1]), Numbers.fmt(x), Numbers.fmt(sum)));
            }
            steps[i] = i;
            partial[i] = sum;
            target[i] = problem.target();
            band[i] = problem.eps() > 0 ? problem.eps() * i : Double.NaN;
        }
        String bandName = problem.eps() > 0 ? "target z +- eps k" : "target z";
        w.plot(PLOT, Charts.bands("Subset sum: the chosen candidates added largest |x| first",
                "k (chosen candidates added)", "partial sum", false, false, List.of(
                        new Charts.Band(bandName, steps, target, band),
                        new Charts.Band("partial sum", steps, partial, new double[k + 1]))));

        Map<String, String> provenance = w.provenance(spec.seed());
        String summary = String.format(java.util.Locale.ROOT, "%s of %d candidates (%s) chosen for target %s%s by the "
                        + "%s solver: sum %s, error %s, %s%s; %.6f s.", k, problem.size(),
                spec.random() != null ? "uniform in [-1, 1], seed " + spec.seed() : "given",
                Numbers.fmt(problem.target()), problem.eps() > 0 ? " with eps " + problem.eps() : "", result.solver(),
                Numbers.fmt(result.sum()), Numbers.fmt(result.error()),
                result.optimal() ? "proven optimal" : "not proven optimal (gap " + Numbers.fmt(result.gap()) + ")",
                Double.isNaN(gridStep) ? "" : ", grid step " + Numbers.fmt(gridStep), seconds);
        w.report(new Report("Subset sum: " + k + " of " + problem.size() + " candidates", summary, yaml,
                List.of(new Figure(PLOT, "The partial sum of the chosen candidates, added largest |x| first, against "
                        + "the target" + (problem.eps() > 0 ? " and the band z +- eps k that k candidates moved by "
                        + "at most eps each can reach" : "") + ".")),
                List.of(new Table("Chosen candidates, largest |x| first", List.of("k", "index", "x", "partial sum"),
                        rows)), List.of(), provenance));

        Map<String, Long> seeds = new TreeMap<>();
        if (spec.seed() != null) {
            seeds.put("root", spec.seed());
            seeds.put("subset-sum", Seeds.derive(spec.seed(), "subset-sum"));
        }
        w.manifest(1, seeds, started);
        w.result(json);
        return new Run(layout, json);
    }

    private static ObjectNode json(RunLayout layout, SubsetSumRunSpec spec, SubsetSumProblem problem,
                                   SubsetSumResult r, double gridStep, double seconds) {
        ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("runDir", layout.dir().toString());
        ArrayNode subset = o.putArray("subset");
        for (int i : r.subset()) {
            subset.add(i);
        }
        o.put("sum", r.sum());
        o.put("error", r.error());
        o.put("optimal", r.optimal());
        o.put("gap", r.gap());
        o.put("solver", r.solver());
        if (!Double.isNaN(gridStep)) {
            o.put("gridStep", gridStep);
        }
        o.put("seconds", seconds);
        o.put("n", problem.size());
        o.put("target", problem.target());
        o.put("eps", problem.eps());
        if (spec.random() != null) {
            o.put("seed", spec.seed());
            ArrayNode v = o.putArray("values");
            for (double value : problem.values()) {
                v.add(value);
            }
        }
        return o;
    }

    /** The subset's indices ordered by decreasing |x_i|, ties by index. */
    private static int[] chosenByMagnitude(SubsetSumProblem problem, int[] subset) {
        return Arrays.stream(subset).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -Math.abs(problem.value(i))).thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }
}
