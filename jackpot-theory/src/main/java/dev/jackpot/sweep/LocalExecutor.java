package dev.jackpot.sweep;

import dev.jackpot.jobs.WorkerPool;
import dev.jackpot.store.TrialRow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The embedded executor: a fixed pool of daemon threads in this JVM, one trial per task. On a stop,
 * queued trials are skipped and the trials in flight finish and are kept.
 */
public final class LocalExecutor implements TrialExecutor {

    private final int threads;

    /**
     * @param threads worker threads, positive
     * @throws IllegalArgumentException if threads is not positive
     */
    public LocalExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public String name() {
        return "local (" + threads + (threads == 1 ? " thread)" : " threads)");
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public void execute(SweepPlan plan, List<PendingTrial> pending, Consumer<TrialRow> sink, BooleanSupplier stopRequested)
            throws IOException {
        List<Runnable> jobs = new ArrayList<>(pending.size());
        for (PendingTrial trial : pending) {
            jobs.add(() -> sink.accept(SweepTrial.run(plan, trial)));
        }
        WorkerPool.runAll(threads, "jackpot-sweep", jobs, stopRequested);
    }
}
