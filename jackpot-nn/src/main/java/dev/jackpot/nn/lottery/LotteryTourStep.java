package dev.jackpot.nn.lottery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.DataHome;
import dev.jackpot.nn.data.FashionMnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Section 10 of {@code jackpot tour} (a {@code dev.jackpot.theory.Tour.Step}): the weak lottery-ticket
 * pipeline at a tiny scale.
 */
public final class LotteryTourStep {

    private LotteryTourStep() {
    }

    /**
         * The weak lottery-ticket pipeline at a tiny scale (tens of seconds): LeNet-300-100 on a 600-example
     * Fashion-MNIST subsample, one epoch per level, two IMP levels with both controls, then the ticket
     * as a report. Skipped, with a line saying so, where Fashion-MNIST is not found (the line gives the command that fetches it).
     */
    public static void run(Path root, ObjectNode summary, StringBuilder md) throws IOException {
        md.append("## 10. Lottery tickets on real data (tiny scale; `jackpot lottery --preset lenet300-fashion` "
                + "runs the CPU-sized experiment)\n\n");
        ObjectNode o = summary.putObject("lottery");
        if (FashionMnist.locate().isEmpty()) {
            // The one thing to do, on Debian or off it.
            String how = DataHome.system().missing("fashion-mnist");
            o.put("skipped", how);
            md.append("Skipped: ").append(how).append("\n\n");
            return;
        }
        LotterySpec spec = LotterySpec.lenet300Fashion().toBuilder().subsample(600).testSubsample(1000)
                .epochs(1).levels(2).replicates(1).build();
        Lottery.Result r = Lottery.run(spec, root, Compute.cpu(1), LotteryListener.NONE);
        LotteryReport.write(r);
        o.put("runDir", r.layout().dir().toString());
        md.append("| level | branch | density | test accuracy |\n|---|---|---|---|\n");
        ArrayNode rows = o.putArray("branches");
        for (BranchSummary b : r.branches()) {
            ObjectNode row = rows.addObject();
            row.put("level", b.level());
            row.put("branch", b.branch());
            row.put("density", b.density());
            row.put("accuracy", b.accuracy());
            md.append(String.format(Locale.ROOT, "| %d | %s | %.3f | %.3f |%n", b.level(), b.branch(), b.density(),
                    b.accuracy()));
        }
        md.append("\nReport: `").append(r.layout().dir().resolve("report.html")).append("`\n\n");
    }

}
