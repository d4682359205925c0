package dev.jackpot.spark;

import dev.jackpot.store.TrialRow;
import dev.jackpot.sweep.PendingTrial;
import dev.jackpot.sweep.SweepCodec;
import dev.jackpot.sweep.SweepPlan;
import dev.jackpot.sweep.SweepSpec;
import dev.jackpot.sweep.TrialExecutor;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a sweep's trials as Spark tasks.
 *
 * <p>The pending trials (cell, trial index, seed) become the elements of an RDD with one partition
 * per {@code trialsPerTask} trials (default one). The sweep spec travels once, as YAML in a
 * broadcast variable; each task rebuilds the grid from it and runs its trials with
 * {@link dev.jackpot.sweep.SweepTrial#run}, the function the local executor calls, so the rows do
 * not depend on the partitioning, the executors or the task order. All partitions form one job;
 * the driver receives each task's rows the moment the task ends and hands them to the runner, which
 * commits them to the run's SQLite store on the driver. A job that fails or is killed therefore
 * loses only the trials in flight, and re-running the sweep computes only those.
 *
 * <p>Failures: a trial that throws is a failed row with its key, seed and cause (the task catches
 * every {@code Throwable}, so it never fails the job). If Spark itself fails the job (executors
 * lost more often than {@code spark.task.maxFailures}), {@link #execute} throws an
 * {@link IOException} after recording every row that arrived. A stop cancels the job: tasks in
 * flight are abandoned and run again on resume.
 */
public final class SparkExecutor implements TrialExecutor {

    private final JavaSparkContext spark;
    private final int trialsPerTask;
    private final boolean owned;

    /**
     * An executor on a Spark context someone else manages (e.g. a spark-submit application or a
     * test); {@link #close()} leaves the context running.
     *
     * @param spark         the context
     * @param trialsPerTask trials per Spark task (one partition each), positive; one gives the
     *                      finest-grained resume, more amortise the per-task overhead of short trials
     * @throws IllegalArgumentException if trialsPerTask is not positive
     */
    public SparkExecutor(JavaSparkContext spark, int trialsPerTask) {
        this(spark, trialsPerTask, false);
    }

    private SparkExecutor(JavaSparkContext spark, int trialsPerTask, boolean owned) {
        this.spark = Objects.requireNonNull(spark, "spark");
        if (trialsPerTask < 1) {
            throw new IllegalArgumentException("trialsPerTask must be positive, got " + trialsPerTask);
        }
        this.trialsPerTask = trialsPerTask;
        this.owned = owned;
    }

    /**
     * Starts a Spark context of its own (client mode: this JVM is the driver); {@link #close()}
     * stops it.
     *
     * @param conf          the Spark configuration (master, app name, ...)
     * @param trialsPerTask trials per Spark task, positive
     * @return the executor
     */
    public static SparkExecutor start(SparkConf conf, int trialsPerTask) {
        return new SparkExecutor(new JavaSparkContext(conf), trialsPerTask, true);
    }

    /** @return the Spark context */
    public JavaSparkContext context() {
        return spark;
    }

    @Override
    public String name() {
        return "spark " + spark.master() + " (" + parallelism() + " slots)";
    }

    @Override
    public int parallelism() {
        return spark.defaultParallelism();
    }

    @Override
    public void execute(SweepPlan plan, List<PendingTrial> pending, Consumer<TrialRow> sink, BooleanSupplier stopRequested)
            throws IOException {
        if (pending.isEmpty() || stopRequested.getAsBoolean()) {
            return;
        }
        String yaml = SweepCodec.CODEC.toYaml(plan.sweep());
        SweepSpec back = SweepCodec.CODEC.parseYaml(yaml);
        if (!back.equals(plan.sweep())) {
            // the tasks rebuild the sweep from this text: it must be the same sweep
            throw new IllegalStateException("the sweep spec does not survive its YAML form unchanged, so Spark tasks "
                    + "would run a different sweep; spec: " + yaml);
        }
        Broadcast<String> spec = spark.broadcast(yaml);
        int partitions = (pending.size() + trialsPerTask - 1) / trialsPerTask;
        try {
            SparkJobs.run(spark, spark.parallelize(pending, partitions), new RunTrials(spec),
                    "jackpot sweep: " + pending.size() + " trials of " + plan.totalTrials(), sink, stopRequested);
        } finally {
            spec.destroy();
        }
    }

    @Override
    public void close() {
        if (owned) {
            spark.stop();
        }
    }
}
