package dev.jackpot.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.TaskKilled;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Spark listener (registered through {@code spark.extraListeners}) that kills the first attempt of
 * the {@link #TARGET}-th task the context starts, as a lost executor or an operator's kill would: Spark
 * discards whatever that attempt returns and schedules the task again.
 */
public final class KillOneTask extends SparkListener {

    /** the 1-based ordinal of the task to kill */
    static final int TARGET = 4;
    static final AtomicInteger STARTED = new AtomicInteger();
    static final AtomicInteger KILLS_SENT = new AtomicInteger();
    static final AtomicInteger KILLED_ENDS = new AtomicInteger();

    static void reset() {
        STARTED.set(0);
        KILLS_SENT.set(0);
        KILLED_ENDS.set(0);
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        if (STARTED.incrementAndGet() == TARGET && start.taskInfo().attemptNumber() == 0) {
            KILLS_SENT.incrementAndGet();
            SparkContext.getOrCreate().killTaskAttempt(start.taskInfo().taskId(), true, "killed by the test");
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.reason() instanceof TaskKilled) {
            KILLED_ENDS.incrementAndGet();
        }
    }
}
