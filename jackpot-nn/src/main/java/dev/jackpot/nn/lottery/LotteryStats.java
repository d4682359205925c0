package dev.jackpot.nn.lottery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Means and sample standard deviations over replicates, per level and branch. */
public final class LotteryStats {

    private LotteryStats() {
    }

    /**
     * One level's branch over the replicates.
     *
     * @param level       the level
     * @param branch      the branch
     * @param replicates  replicates that have it
     * @param density     mean density
     * @param accuracy    mean test accuracy
     * @param accuracyStd sample standard deviation of the accuracy (NaN for one replicate)
     * @param seconds     mean training seconds
     * @param earlyStop   mean early-stopping iteration (the evaluated step of least validation, else test, loss)
     *                    over the replicates that recorded one, NaN if none did
     * @param earlyStopStd its sample standard deviation (NaN for fewer than two)
     */
    public record LevelStats(int level, String branch, int replicates, double density, double accuracy,
                             double accuracyStd, double seconds, double earlyStop, double earlyStopStd) {

        /** @return the row as JSON */
        public ObjectNode toJson() {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("level", level);
            o.put("branch", branch);
            o.put("replicates", replicates);
            o.put("density", density);
            o.put("accuracyMean", accuracy);
            o.put("accuracyStd", accuracyStd);
            o.put("secondsMean", seconds);
            o.put("earlyStopMean", earlyStop);
            o.put("earlyStopStd", earlyStopStd);
            return o;
        }
    }

    /**
     * @param rows every branch of every level and replicate
     * @return one row per (level, branch), ordered by level then first appearance of the branch
     */
    public static List<LevelStats> of(List<BranchSummary> rows) {
        Map<Integer, Map<String, List<BranchSummary>>> byLevel = new TreeMap<>();
        for (BranchSummary b : rows) {
            byLevel.computeIfAbsent(b.level(), k -> new java.util.LinkedHashMap<>())
                    .computeIfAbsent(b.branch(), k -> new ArrayList<>()).add(b);
        }
        List<LevelStats> out = new ArrayList<>();
        byLevel.forEach((level, branches) -> branches.forEach((branch, list) -> {
            double[] acc = list.stream().mapToDouble(BranchSummary::accuracy).toArray();
            double[] stop = list.stream().filter(b -> b.earlyStopStep() >= 0).mapToDouble(BranchSummary::earlyStopStep)
                    .toArray();
            out.add(new LevelStats(level, branch, list.size(),
                    list.stream().mapToDouble(BranchSummary::density).average().orElse(Double.NaN),
                    mean(acc), std(acc), list.stream().mapToDouble(BranchSummary::seconds).average().orElse(Double.NaN),
                    mean(stop), std(stop)));
        }));
        return out;
    }

    /** @return the mean, NaN for none */
    public static double mean(double[] x) {
        return dev.jackpot.stats.Sample.mean(x);
    }

    /** @return the sample standard deviation (n − 1), NaN for fewer than two values */
    public static double std(double[] x) {
        return dev.jackpot.stats.Sample.std(x);
    }
}
