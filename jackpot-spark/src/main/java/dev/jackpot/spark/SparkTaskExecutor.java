package dev.jackpot.spark;

import dev.jackpot.jobs.Job;
import dev.jackpot.jobs.JobOutcome;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.jobs.TaskRunner;
import dev.jackpot.jobs.TaskSource;
import dev.jackpot.store.TrialRow;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a {@link TaskRunner} experiment's pending tasks as Spark tasks (one task each): only their keys
 * and seeds travel, with the spec broadcast once; each executor rebuilds the tasks from the spec through the
 * experiment's {@link TaskSource} and runs them with {@link TaskRunner#runOne}, the local executor's
 * function, so the rows do not depend on the engine. The driver first rebuilds the tasks from the same
 * text and checks every pending key, seed and cell against its own, so a spec that does not survive
 * its YAML form fails before anything runs.
 */
public final class SparkTaskExecutor implements TaskExecutor {

    private final JavaSparkContext spark;
    private final boolean owned;

    /**
     * An executor on a context someone else manages; {@link #close()} leaves it running.
     *
     * @param spark the context
     */
    public SparkTaskExecutor(JavaSparkContext spark) {
        this(spark, false);
    }

    private SparkTaskExecutor(JavaSparkContext spark, boolean owned) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.owned = owned;
    }

    /**
     * @param conf the Spark configuration
     * @return an executor on a context of its own (client mode), stopped by {@link #close()}
     */
    public static SparkTaskExecutor start(SparkConf conf) {
        return new SparkTaskExecutor(new JavaSparkContext(conf), true);
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
    public boolean execute(TaskSource source, String specYaml, List<TaskRunner.Task> pending, Consumer<TrialRow> sink,
                        BooleanSupplier stop) throws IOException {
        if (pending.isEmpty() || stop.getAsBoolean()) {
            return false;
        }
        if (source == null) {
            throw new IllegalStateException("This experiment's tasks cannot be rebuilt in another JVM (it registers no "
                    + "TaskSource), so it cannot run on Spark.");
        }
        Map<String, TaskRunner.Task> rebuilt = RunTasks.tasks(source.kind(), specYaml);
        for (TaskRunner.Task t : pending) {
            TaskRunner.Task r = rebuilt.get(t.key());
            if (r == null || r.seed() != t.seed() || r.cell() != t.cell() || !r.coordinates().equals(t.coordinates())) {
                throw new IllegalStateException("Task " + t.key() + " rebuilt from the " + source.kind() + " spec's "
                        + "YAML differs from the driver's (" + (r == null ? "absent" : "seed " + r.seed() + ", cell "
                        + r.coordinates()) + " against seed " + t.seed() + ", cell " + t.coordinates() + "), so Spark "
                        + "tasks would run a different experiment; spec: " + specYaml);
            }
        }
        return submit(specYaml, pending.stream().map(RunTasks.Pending::of).toList(), spec -> new RunTasks(source.kind(),
                spec), "jackpot " + source.kind() + ": " + pending.size() + " tasks", sink, stop);
    }

    @Override
    public boolean executeJobs(String kind, String specYaml, List<Job> jobs, Consumer<JobOutcome> sink,
                               BooleanSupplier stop) throws IOException {
        if (jobs.isEmpty() || stop.getAsBoolean()) {
            return false;
        }
        // each distinct shared part is broadcast once (named by its SHA-256) and fetched once per executor that
        // runs a job needing it; the tasks carry only the jobs' own inputs and the parts' names
        Map<String, Broadcast<byte[]>> parts = new LinkedHashMap<>();
        List<RunJobs.JobRef> refs = new ArrayList<>(jobs.size());
        try {
            for (Job job : jobs) {
                List<String> names = new ArrayList<>(job.shared().size());
                for (byte[] part : job.shared()) {
                    String name = sha256(part);
                    parts.computeIfAbsent(name, n -> spark.broadcast(part));
                    names.add(name);
                }
                refs.add(new RunJobs.JobRef(job.key(), job.input(), names));
            }
            return submit(specYaml, refs, spec -> new RunJobs(kind, spec, parts), "jackpot " + kind + ": " + jobs.size()
                    + " jobs", sink, stop);
        } finally {
            parts.values().forEach(Broadcast::destroy);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM.", e);
        }
    }

    /** One Spark task per item, the spec broadcast once for the job and destroyed after it. */
    private <T, R> boolean submit(String specYaml, List<T> items,
                                  Function<Broadcast<String>, AbstractFunction1<Iterator<T>, ArrayList<R>>> body,
                                  String description, Consumer<R> sink, BooleanSupplier stop) throws IOException {
        Broadcast<String> spec = spark.broadcast(specYaml);
        try {
            return SparkJobs.run(spark, spark.parallelize(items, items.size()), body.apply(spec), description, sink, stop);
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
