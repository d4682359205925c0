package dev.jackpot.jobs;

import java.io.Serializable;
import java.util.Objects;

/**
 * One job of a chained experiment (e.g. one branch of one IMP level of one replicate): its key and its
 * input as bytes, everything an executor in any JVM needs besides the experiment's spec. Its
 * {@link JobSource} turns the input into the output bytes.
 *
 * @param key   unique within the run, e.g. {@code rep-0/level-3/main}
 * @param input the job's input (a format its source defines)
 */
public record Job(String key, byte[] input) implements Serializable {

    /** @throws NullPointerException if a field is null */
    public Job {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(input, "input");
    }
}
