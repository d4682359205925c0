package dev.jackpot.spark;

import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.util.Try;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The one way Jackpot runs work on Spark: every partition of an RDD of pending work becomes one task of
 * a single job whose body returns the partition's rows (trial rows, or job outcomes); the driver hands
 * each task's rows to the sink the moment the task ends (so a failed or killed job loses only what was
 * in flight), cancels the job
 * when a stop is requested, and reports a job Spark itself failed as an {@link IOException} after
 * every row that arrived was delivered.
 */
final class SparkJobs {

    private static final Logger LOG = LoggerFactory.getLogger(SparkJobs.class);

    private SparkJobs() {
    }

    /**
     * @param spark       the context
     * @param rdd         the pending work, one task per partition
     * @param body        a partition's rows (must never throw for one bad element)
     * @param description the job's description in Spark's UI
     * @param sink        receives the rows, on the calling thread
     * @param stop        polled while the job runs
     * @return whether the calling thread was interrupted (the job is cancelled, the interrupt flag set again)
     * @throws IOException if Spark failed the job (not when it was cancelled by a stop)
     */
    static <T, R> boolean run(JavaSparkContext spark, JavaRDD<T> rdd, AbstractFunction1<Iterator<T>, ArrayList<R>> body,
                        String description, Consumer<R> sink, BooleanSupplier stop) throws IOException {
        int partitions = rdd.getNumPartitions();
        BlockingQueue<List<R>> arrived = new LinkedBlockingQueue<>();
        List<Object> all = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            all.add(p);
        }
        spark.setJobDescription(description);
        SimpleFutureAction<BoxedUnit> job = spark.sc().submitJob(rdd.rdd(), body,
                scala.jdk.javaapi.CollectionConverters.asScala(all).toSeq(), new Arrived<R>(arrived), new Unit());
        boolean cancelled = false;
        try {
            while (true) {
                List<R> rows = arrived.poll(100, TimeUnit.MILLISECONDS);
                if (rows != null) {
                    rows.forEach(sink);
                } else if (job.isCompleted()) {
                    // the handler runs before the job completes, so nothing arrives after this drain
                    List<List<R>> rest = new ArrayList<>();
                    arrived.drainTo(rest);
                    rest.forEach(r -> r.forEach(sink));
                    break;
                } else if (!cancelled && stop.getAsBoolean()) {
                    LOG.info("stop requested: cancelling the Spark job; work in flight runs again on resume");
                    job.cancel();
                    cancelled = true;
                }
            }
        } catch (InterruptedException e) {
            job.cancel();
            Thread.currentThread().interrupt();
            return true;
        }
        Try<BoxedUnit> result = job.value().get();
        if (result.isFailure() && !cancelled && !stop.getAsBoolean()) {
            Throwable cause = result.failed().get();
            throw new IOException("the Spark job failed (" + cause.getMessage() + "); every row that finished is "
                    + "recorded, run the same command again to compute the rest", cause);
        }
        return false;
    }

    /** Driver side: queues each task's rows as it ends (called on Spark's scheduler thread). */
    private static final class Arrived<R> extends AbstractFunction2<Object, ArrayList<R>, BoxedUnit> {
        private final BlockingQueue<List<R>> queue;

        Arrived(BlockingQueue<List<R>> queue) {
            this.queue = queue;
        }

        @Override
        public BoxedUnit apply(Object partition, ArrayList<R> rows) {
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
