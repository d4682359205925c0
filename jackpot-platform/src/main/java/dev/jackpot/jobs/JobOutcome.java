package dev.jackpot.jobs;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.Objects;

/**
 * What became of a {@link Job}: its output bytes, or why it failed (the cause's stack trace as text, since
 * exceptions of one JVM need not deserialise in another).
 *
 * @param key     the job's key
 * @param output  the output, null when the job failed
 * @param failure the failure's stack trace, null when the job succeeded
 */
public record JobOutcome(String key, byte[] output, String failure) implements Serializable {

    /** @throws IllegalArgumentException unless exactly one of output and failure is given */
    public JobOutcome {
        Objects.requireNonNull(key, "key");
        if ((output == null) == (failure == null)) {
            throw new IllegalArgumentException("A job outcome has either an output or a failure, not both or neither.");
        }
    }

    /** @return a successful outcome */
    public static JobOutcome ok(String key, byte[] output) {
        return new JobOutcome(key, output, null);
    }

    /** @return a failed outcome with the cause's stack trace */
    public static JobOutcome failed(String key, Throwable cause) {
        StringWriter text = new StringWriter();
        cause.printStackTrace(new PrintWriter(text));
        return new JobOutcome(key, null, text.toString());
    }

    /** @return whether the job succeeded */
    public boolean succeeded() {
        return output != null;
    }

    /** @return the failure's first line (exception and message), empty when the job succeeded */
    public String cause() {
        return failure == null ? "" : failure.lines().findFirst().orElse("");
    }

    /**
     * Runs a job of a source, catching everything: the one function every executor calls, so an outcome
     * never depends on where it ran.
     *
     * @param source   the job's source
     * @param specYaml the experiment's spec
     * @param job      the job
     * @return its outcome
     */
    public static JobOutcome run(JobSource source, String specYaml, Job job) {
        try {
            byte[] out = source.run(specYaml, job.key(), job.input(), job.shared());
            if (out == null) {
                throw new IllegalStateException("The job source " + source.kind() + " returned no output for " + job.key()
                        + ".");
            }
            return ok(job.key(), out);
        } catch (Throwable t) { // NOPMD: a job reports, never throws
            return failed(job.key(), t);
        }
    }
}
