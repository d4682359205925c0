package dev.jackpot.spark;

import dev.jackpot.jobs.Job;
import dev.jackpot.jobs.JobOutcome;
import dev.jackpot.jobs.JobSource;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;
import java.util.ArrayList;

/**
 * The body of a Spark task of a chained experiment: finds the experiment's {@link JobSource} on the
 * executor and runs the partition's jobs with {@link JobOutcome#run}, the function the local executor
 * calls. A source that cannot be found becomes a failed outcome under each job's key, so one bad
 * executor cannot fail the job.
 */
final class RunJobs extends AbstractFunction1<Iterator<Job>, ArrayList<JobOutcome>> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final Broadcast<String> spec;

    RunJobs(String kind, Broadcast<String> spec) {
        this.kind = kind;
        this.spec = spec;
    }

    @Override
    public ArrayList<JobOutcome> apply(Iterator<Job> jobs) {
        ArrayList<JobOutcome> out = new ArrayList<>();
        JobSource source = null;
        Throwable missing = null;
        try {
            source = JobSource.find(kind);
        } catch (Throwable t) { // NOPMD: a task must report, never throw
            missing = t;
        }
        while (jobs.hasNext()) {
            Job job = jobs.next();
            out.add(source == null ? JobOutcome.failed(job.key(), missing) : JobOutcome.run(source, spec.value(), job));
        }
        return out;
    }
}
