package dev.jackpot.spark;

import dev.jackpot.jobs.TaskRunner;
import dev.jackpot.jobs.TaskSource;
import dev.jackpot.store.TrialRow;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a Spark task of a {@link TaskRunner} experiment: rebuilds the experiment's tasks from its
 * kind and spec ({@link TaskSource}), runs the partition's tasks with {@link TaskRunner#runOne}, the
 * function the local executor calls, and returns their rows. A key that cannot be run in any way becomes
 * a failed row with its key and cause, so one bad task cannot fail the job.
 */
final class RunTasks extends AbstractFunction1<Iterator<RunTasks.Pending>, ArrayList<TrialRow>> implements Serializable {

    /** What travels per task: its identity, so that even a task that cannot be rebuilt reports under it. */
    record Pending(String key, int cell, int trial, long seed) implements Serializable {
        static Pending of(TaskRunner.Task t) {
            return new Pending(t.key(), t.cell(), t.trial(), t.seed());
        }
    }

    private static final long serialVersionUID = 1L;

    /** The tasks last rebuilt in this JVM: tasks of one run share them instead of rebuilding. */
    private static volatile Built last;

    private record Built(String kind, String yaml, Map<String, TaskRunner.Task> tasks) {
    }

    private final String kind;
    private final Broadcast<String> spec;

    RunTasks(String kind, Broadcast<String> spec) {
        this.kind = kind;
        this.spec = spec;
    }

    @Override
    public ArrayList<TrialRow> apply(Iterator<Pending> pending) {
        ArrayList<TrialRow> rows = new ArrayList<>();
        Map<String, TaskRunner.Task> tasks = null;
        Throwable rebuild = null;
        try {
            tasks = tasks(kind, spec.value());
        } catch (Throwable t) { // NOPMD: a task must report, never throw
            rebuild = t;
        }
        while (pending.hasNext()) {
            Pending p = pending.next();
            TaskRunner.Task task = tasks == null ? null : tasks.get(p.key());
            if (task == null) {
                rows.add(TrialRow.failed(p.key(), p.cell(), p.trial(), p.seed(), Map.of(), new IllegalStateException(
                        "task " + p.key() + " of a " + kind + " run could not be rebuilt from its spec on this executor",
                        rebuild), 0));
            } else {
                rows.add(TaskRunner.runOne(task));
            }
        }
        return rows;
    }

    static Map<String, TaskRunner.Task> tasks(String kind, String yaml) {
        Built b = last;
        if (b == null || !b.kind().equals(kind) || !b.yaml().equals(yaml)) {
            Map<String, TaskRunner.Task> byKey = new LinkedHashMap<>();
            for (TaskRunner.Task t : TaskSource.find(kind).tasks(yaml)) {
                byKey.put(t.key(), t);
            }
            b = new Built(kind, yaml, byKey);
            last = b;
        }
        return b.tasks();
    }
}
