package dev.jackpot.jobs;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One job of a chained experiment (e.g. one branch of one IMP level of one replicate): its key, its own
 * input and its shared parts, as bytes, everything an executor in any JVM needs besides the experiment's
 * spec. Its {@link JobSource} turns them into the output bytes.
 *
 * <p>Shared parts are the large inputs several jobs of a round need alike (the tickets every branch of a
 * replicate's level starts from, the weights every cell of one eps prunes): an executor may ship each
 * distinct part once (Spark broadcasts it, identified by its content) instead of once per job, so a job's
 * own input stays small.
 *
 * @param key    unique within the run, e.g. {@code rep-0/level-3/main}
 * @param input  the job's own input (a format its source defines)
 * @param shared the job's shared parts, in the order its source expects (entries may not be null)
 */
public record Job(String key, byte[] input, List<byte[]> shared) implements Serializable {

    /** @throws NullPointerException if a field or a shared part is null */
    public Job {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(input, "input");
        shared = List.copyOf(shared);
    }

    /** A job without shared parts. */
    public Job(String key, byte[] input) {
        this(key, input, List.of());
    }
}
