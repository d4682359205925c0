package dev.jackpot.spark;

import dev.jackpot.jobs.Job;
import dev.jackpot.jobs.JobOutcome;
import dev.jackpot.jobs.JobSource;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a Spark task of a chained experiment: finds the experiment's {@link JobSource} on the
 * executor and runs the partition's jobs with {@link JobOutcome#run}, the function the local executor
 * calls, with each job's shared parts read from the round's broadcasts (fetched once per executor). A
 * source that cannot be found becomes a failed outcome under each job's key, so one bad executor cannot
 * fail the job.
 */
final class RunJobs extends AbstractFunction1<Iterator<RunJobs.JobRef>, ArrayList<JobOutcome>> implements Serializable {

    private static final long serialVersionUID = 2L;

    /**
     * A job as its task carries it: key, own input, and the names of its shared parts (their bytes come
     * from the round's broadcasts).
     */
    record JobRef(String key, byte[] input, List<String> shared) implements Serializable {
    }

    private final String kind;
    private final Broadcast<String> spec;
    private final Map<String, Broadcast<byte[]>> parts;

    RunJobs(String kind, Broadcast<String> spec, Map<String, Broadcast<byte[]>> parts) {
        this.kind = kind;
        this.spec = spec;
        this.parts = new HashMap<>(parts);
    }

    @Override
    public ArrayList<JobOutcome> apply(Iterator<JobRef> jobs) {
        ArrayList<JobOutcome> out = new ArrayList<>();
        JobSource source = null;
        Throwable missing = null;
        try {
            source = JobSource.find(kind);
        } catch (Throwable t) { // NOPMD: a task must report, never throw
            missing = t;
        }
        while (jobs.hasNext()) {
            JobRef ref = jobs.next();
            if (source == null) {
                out.add(JobOutcome.failed(ref.key(), missing));
                continue;
            }
            Job job;
            try {
                List<byte[]> shared = new ArrayList<>(ref.shared().size());
                for (String name : ref.shared()) {
                    shared.add(parts.get(name).value());
                }
                job = new Job(ref.key(), ref.input(), shared);
            } catch (RuntimeException e) { // a broadcast that cannot be read fails this job only
                out.add(JobOutcome.failed(ref.key(), e));
                continue;
            }
            out.add(JobOutcome.run(source, spec.value(), job));
        }
        return out;
    }
}
