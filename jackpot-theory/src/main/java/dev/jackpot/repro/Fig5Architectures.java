package dev.jackpot.repro;

import dev.jackpot.plot.Charts;
import dev.jackpot.report.Claim;
import dev.jackpot.report.Figure;
import dev.jackpot.report.Table;
import dev.jackpot.run.RunWriter;
import dev.jackpot.store.TrialRow;
import dev.jackpot.sweep.Axis;
import dev.jackpot.sweep.ImpSpec;
import dev.jackpot.sweep.Procedure;
import dev.jackpot.sweep.Stats;
import dev.jackpot.sweep.SweepSpec;
import dev.jackpot.teacher.TeacherTrialSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 5: at equal r_j = 20, pruned architectures with a larger r-tilde need more samples.
 * K = 10 (inferred), d = 100. The paper's r~ = 0.66 and 0.325 r_ave are not attainable under eq.
 * (5) (design note, errata 6); the architectures here overlap fully, in 2 disjoint groups and in 5
 * disjoint groups, with r~ = r, 0.5625 r and 0.36 r.
 */
final class Fig5Architectures implements PaperFigure {

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String title() {
        return "Success rate against N for architectures with equal r_j and different r-tilde";
    }

    private static Map<String, Object> arch(String label, String overlap, int groups) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", label);
        m.put("teacher.overlap", overlap);
        m.put("teacher.groups", groups);
        return m;
    }

    @Override
    public SweepSpec sweep(Scale scale) {
        boolean paper = scale == Scale.PAPER;
        TeacherTrialSpec base = TeacherTrialSpec.defaults(10, 100, 200, 20, 1).withTestSamples(1000);
        Axis archs = new Axis("architecture", List.of(arch("full overlap", "full", 1), arch("2 groups", "groups", 2),
                arch("5 groups", "groups", 5)), null);
        Axis n = paper ? new Axis("n", null, new Axis.Range(100, 400, 10)) : new Axis("n", null, new Axis.Range(100, 380, 40));
        return new SweepSpec(2021_5, base, List.of(archs, n), paper ? 100 : 3, Procedure.TRIAL, ImpSpec.DEFAULT);
    }

    @Override
    public Analysis analyse(SweepSpec sweep, List<TrialRow> rows, RunWriter writer) throws IOException {
        List<Object> archs = sweep.axes().get(0).values();
        double[] n = Grids.axis(sweep, 1);
        double[][] success = Grids.matrix(sweep, rows, Stats::successRate);
        double[][] rTilde = Grids.matrix(sweep, rows, c -> Stats.mean(Stats.values(c, "rTildeOracle")));
        List<Charts.Series> lines = new ArrayList<>();
        List<List<String>> table = new ArrayList<>();
        double[] rt = new double[archs.size()];
        double[] nStar = new double[archs.size()];
        for (int a = 0; a < archs.size(); a++) {
            rt[a] = Stats.mean(rTilde[a]);
            nStar[a] = Grids.firstCrossingUp(n, success[a], 0.5);
            String label = sweep.axes().get(0).coordinate(a) + " (r~ = " + Grids.fmt(rt[a]) + ")";
            lines.add(new Charts.Series(label, n, success[a]));
            table.add(List.of(String.valueOf(sweep.axes().get(0).coordinate(a)), Grids.fmt(rt[a]), Grids.fmt(nStar[a])));
        }
        writer.plot("fig5-success", Charts.lines("Fig. 5: success rate against N at r_j = 20 (K=10, d=100)", "N",
                "success rate over " + sweep.trials() + " trials", false, false, lines));
        Integer[] order = new Integer[rt.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(rt[a], rt[b]));
        boolean monotone = true;
        for (int i = 1; i < order.length; i++) {
            monotone &= nStar[order[i]] >= nStar[order[i - 1]];
        }
        boolean strict = nStar[order[order.length - 1]] > nStar[order[0]];
        Claim claim = new Claim("5", "At equal r_j, architectures with larger r-tilde need more samples",
                monotone && strict, "N* of the largest minus N* of the smallest r-tilde",
                nStar[order[order.length - 1]] - nStar[order[0]],
                "N* = first N with at least 50% success (interpolated); reproduced when N* does not decrease as "
                        + "r-tilde grows and is larger at the largest r-tilde than at the smallest");
        return new Analysis("Success rate against N for three ways of placing the same r_j = 20 weights per neuron, "
                + sweep.trials() + " trials per point. The paper's architectures (r~ = 0.66 and 0.325 r_ave) cannot be "
                + "built under eq. (5) at d = 100; these have r~ = r, 0.5625 r and 0.36 r.",
                List.of(new Figure("fig5-success", "Success rate against N, one line per architecture.")),
                List.of(new Table("Sample complexity per architecture", List.of("architecture", "r-tilde", "N*"), table)),
                List.of(claim));
    }
}
