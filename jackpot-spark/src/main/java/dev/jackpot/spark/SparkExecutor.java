package dev.jackpot.spark;

import dev.jackpot.store.TrialRow;
import dev.jackpot.sweep.PendingTrial;
import dev.jackpot.sweep.SweepCodec;
import dev.jackpot.sweep.SweepPlan;
import dev.jackpot.sweep.SweepSpec;
import dev.jackpot.sweep.TrialExecutor;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.util.Try;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

    private static final Logger LOG = LoggerFactory.getLogger(SparkExecutor.class);

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
        JavaRDD<PendingTrial> rdd = spark.parallelize(pending, partitions);
        BlockingQueue<List<TrialRow>> arrived = new LinkedBlockingQueue<>();
        List<Object> all = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            all.add(p);
        }
        spark.setJobDescription("jackpot sweep: " + pending.size() + " trials of " + plan.totalTrials());
        SimpleFutureAction<BoxedUnit> job = spark.sc().submitJob(rdd.rdd(), new RunTrials(spec),
                scala.jdk.javaapi.CollectionConverters.asScala(all).toSeq(), new Arrived(arrived), new Unit());
        boolean cancelled = false;
        try {
            while (true) {
                List<TrialRow> rows = arrived.poll(100, TimeUnit.MILLISECONDS);
                if (rows != null) {
                    rows.forEach(sink);
                } else if (job.isCompleted()) {
                    // the handler runs before the job completes, so nothing arrives after this drain
                    List<List<TrialRow>> rest = new ArrayList<>();
                    arrived.drainTo(rest);
                    rest.forEach(r -> r.forEach(sink));
                    break;
                } else if (!cancelled && stopRequested.getAsBoolean()) {
                    LOG.info("stop requested: cancelling the Spark job; trials in flight run again on resume");
                    job.cancel();
                    cancelled = true;
                }
            }
        } catch (InterruptedException e) {
            job.cancel();
            Thread.currentThread().interrupt();
            return;
        } finally {
            spec.destroy();
        }
        Try<BoxedUnit> result = job.value().get();
        if (result.isFailure() && !cancelled && !stopRequested.getAsBoolean()) {
            Throwable cause = result.failed().get();
            throw new IOException("the Spark job failed (" + cause.getMessage() + "); every trial that finished is "
                    + "recorded, run the same sweep again to compute the rest", cause);
        }
    }

    @Override
    public void close() {
        if (owned) {
            spark.stop();
        }
    }

    /** Driver side: queues each task's rows as it ends (called on Spark's scheduler thread). */
    private static final class Arrived extends AbstractFunction2<Object, ArrayList<TrialRow>, BoxedUnit> {
        private final BlockingQueue<List<TrialRow>> queue;

        Arrived(BlockingQueue<List<TrialRow>> queue) {
            this.queue = queue;
        }

        @Override
        public BoxedUnit apply(Object partition, ArrayList<TrialRow> rows) {
            queue.add(rows);
            return BoxedUnit.UNIT;
        }
    }

    /** The job's result, nothing: the rows went through {@link Arrived}. */
    private static final class Unit extends AbstractFunction0<BoxedUnit> {
        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }
}
