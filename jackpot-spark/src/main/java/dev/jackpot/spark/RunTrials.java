package dev.jackpot.spark;

import dev.jackpot.store.TrialRow;
import dev.jackpot.sweep.PendingTrial;
import dev.jackpot.sweep.SweepCodec;
import dev.jackpot.sweep.SweepPlan;
import dev.jackpot.sweep.SweepTrial;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;
import java.util.ArrayList;

/**
 * The body of a Spark task: runs the trials of one partition with {@link SweepTrial#run}, the same
 * function as the local executor, and returns their rows. Never throws for a trial: one that fails
 * in any way, even outside {@code SweepTrial.run} (a missing class, an error), becomes a failed row
 * with its key, seed and cause, so one bad trial cannot fail the job.
 */
final class RunTrials extends AbstractFunction1<Iterator<PendingTrial>, ArrayList<TrialRow>> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The last grid built in this JVM: tasks of one sweep share it instead of re-planning. */
    private static volatile Planned last;

    private record Planned(String yaml, SweepPlan plan) {
    }

    private final Broadcast<String> spec;

    RunTrials(Broadcast<String> spec) {
        this.spec = spec;
    }

    @Override
    public ArrayList<TrialRow> apply(Iterator<PendingTrial> trials) {
        SweepPlan plan = plan(spec.value());
        ArrayList<TrialRow> rows = new ArrayList<>();
        while (trials.hasNext()) {
            PendingTrial trial = trials.next();
            long start = System.nanoTime();
            TrialRow row;
            try {
                row = SweepTrial.run(plan, trial);
            } catch (Throwable t) { // NOPMD: a task must report, never throw, whatever a trial does
                row = SweepTrial.failed(plan, trial, t, (System.nanoTime() - start) / 1e9);
            }
            rows.add(row);
        }
        return rows;
    }

    private static SweepPlan plan(String yaml) {
        Planned p = last;
        if (p == null || !p.yaml().equals(yaml)) {
            p = new Planned(yaml, new SweepPlan(SweepCodec.CODEC.parseYaml(yaml)));
            last = p;
        }
        return p.plan();
    }
}
