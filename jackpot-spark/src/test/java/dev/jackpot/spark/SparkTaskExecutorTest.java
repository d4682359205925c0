package dev.jackpot.spark;

import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.jobs.Job;
import dev.jackpot.jobs.JobOutcome;
import dev.jackpot.jobs.JobSource;
import dev.jackpot.jobs.LocalTaskExecutor;
import dev.jackpot.jobs.SweepListener;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.jobs.TaskRunner;
import dev.jackpot.jobs.TaskSource;
import dev.jackpot.store.ResultExport;
import dev.jackpot.store.ResultStore;
import dev.jackpot.store.TrialRow;
import dev.jackpot.strong.CandidateLaw;
import dev.jackpot.strong.Lueker;
import dev.jackpot.strong.LuekerSpec;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TaskRunner experiments on Spark local[2] against the local threads; one Spark context for the class. */
class SparkTaskExecutorTest {

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(SparkExecutorTest.testConf("local[2]"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static String rows(List<TrialRow> rows) throws Exception {
        StringWriter out = new StringWriter();
        ResultExport.writeJson(rows.stream().map(r -> new TrialRow(r.key(), r.cell(), r.trial(), r.seed(),
                r.coordinates(), r.metrics(), r.status(), r.error(), 0)).toList(), out);
        return out.toString();
    }

    private static List<TrialRow> stored(Lueker.Result r) throws Exception {
        try (ResultStore store = ResultStore.open(r.layout().results())) {
            return store.rows();
        }
    }

    @Test
    void luekerOnSparkGivesTheLocalRowsAndResumes(@TempDir Path local, @TempDir Path cluster) throws Exception {
        LuekerSpec spec = new LuekerSpec(5, List.of(CandidateLaw.UNIFORM), List.of(0.0, 1.0), 3, 10, List.of(1e-1, 1e-2),
                3);
        Lueker.Result reference = Lueker.run(spec, local, 2, new TaskRunner(), SweepListener.NONE);
        Lueker.Result onSpark = Lueker.run(spec, cluster, new SparkTaskExecutor(spark), new TaskRunner(),
                SweepListener.NONE);
        assertTrue(reference.complete() && onSpark.complete());
        assertEquals(2 * 8 * 3, onSpark.computed());
        assertEquals(rows(stored(reference)), rows(stored(onSpark)));
        assertEquals(Files.readString(reference.layout().dir().resolve("report.md")),
                Files.readString(onSpark.layout().dir().resolve("report.md")).replace(cluster.toString(),
                        local.toString()));
        Lueker.Result again = Lueker.run(spec, cluster, new SparkTaskExecutor(spark), new TaskRunner(),
                SweepListener.NONE);
        assertEquals(0, again.computed(), "a finished run computes nothing");
    }

    /** Three tasks; the second throws until {@code flaky.fixed} is set: a failing job of a cluster run. */
    public static final class Flaky implements TaskSource {
        @Override
        public String kind() {
            return "flaky-test";
        }

        @Override
        public List<TaskRunner.Task> tasks(String specYaml) {
            List<TaskRunner.Task> tasks = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int trial = t;
                tasks.add(new TaskRunner.Task("c0-t" + t, 0, t, 100 + t, Map.of("x", 1), seed -> {
                    if (trial == 1 && !specYaml.contains("fixed: true")) {
                        throw new ArithmeticException("trial one is broken");
                    }
                    return Map.of("value", seed * 2);
                }));
            }
            return tasks;
        }
    }

    @Test
    void aTaskThatThrowsIsAFailedRowWithItsKeySeedAndCauseAndOnlyItIsRetried(@TempDir Path root) throws Exception {
        RunLayout layout = new RunLayout(root, RunId.of("flaky-test", SpecCodec.json().createObjectNode(),
                SpecCodec.json().createObjectNode()));
        TaskSource source = new Flaky();
        String broken = "fixed: false\n";
        TaskRunner.Outcome first = new TaskRunner().run(layout, broken, Map.of("root", 1L), source.tasks(broken), source,
                new SparkTaskExecutor(spark), SweepListener.NONE);
        assertFalse(first.complete());
        TrialRow failed = first.rows().stream().filter(r -> !r.isOk()).findFirst().orElseThrow();
        assertEquals("c0-t1", failed.key());
        assertEquals(101, failed.seed());
        assertTrue(failed.error().contains("trial one is broken"), failed.error());
        // The spec on disk is the first run's; the fixed code path is reached through the rebuilt tasks' text.
        String fixed = "fixed: true\n";
        TaskRunner.Outcome second = new TaskRunner().run(layout, fixed, Map.of("root", 1L), source.tasks(fixed), source,
                new SparkTaskExecutor(spark), SweepListener.NONE);
        assertTrue(second.complete());
        assertEquals(1, second.computed(), "only the failed task runs again");
    }

    @Test
    void aSpecWhoseTasksDoNotSurviveTheirTextIsRefusedBeforeAnythingRuns(@TempDir Path root) {
        RunLayout layout = new RunLayout(root, RunId.of("flaky-test", SpecCodec.json().createObjectNode().put("v", 2),
                SpecCodec.json().createObjectNode()));
        TaskSource source = new Flaky();
        List<TaskRunner.Task> drifted = new ArrayList<>();
        for (TaskRunner.Task t : source.tasks("fixed: true\n")) {
            drifted.add(new TaskRunner.Task(t.key(), t.cell(), t.trial(), t.seed() + 1, t.coordinates(), t.body()));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new TaskRunner().run(layout,
                "fixed: true\n", Map.of("root", 1L), drifted, source, new SparkTaskExecutor(spark), SweepListener.NONE));
        assertTrue(e.getMessage().contains("differs from the driver's"), e.getMessage());
    }

    /**
     * A chained experiment's job source for the tests: reverses the input and appends the shared parts in
     * order; the key "bad" throws.
     */
    public static final class Reverse implements JobSource {
        @Override
        public String kind() {
            return "test-reverse";
        }

        @Override
        public byte[] run(String specYaml, String key, byte[] input, List<byte[]> shared) {
            if (key.equals("bad")) {
                throw new IllegalStateException("bad input for " + specYaml.strip());
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = input.length - 1; i >= 0; i--) {
                out.write(input[i]);
            }
            shared.forEach(out::writeBytes);
            return out.toByteArray();
        }
    }

    private static Map<String, JobOutcome> outcomes(TaskExecutor executor, String kind, List<Job> jobs) throws Exception {
        Map<String, JobOutcome> out = new TreeMap<>();
        assertFalse(executor.executeJobs(kind, "spec: 1", jobs, o -> out.put(o.key(), o), () -> false));
        return out;
    }

    @Test
    void jobsOnSparkGiveTheLocalOutcomesAndReportAFailureUnderItsKey() throws Exception {
        // s1 and s2 share a part (broadcast once), s1 has a second one
        byte[] common = {7, 8};
        List<Job> jobs = List.of(new Job("a", new byte[] {1, 2, 3}), new Job("bad", new byte[] {4}),
                new Job("c", new byte[0]), new Job("s1", new byte[] {5, 6}, List.of(common, new byte[] {9})),
                new Job("s2", new byte[0], List.of(common.clone())));
        Map<String, JobOutcome> local;
        try (TaskExecutor threads = new LocalTaskExecutor(2)) {
            local = outcomes(threads, "test-reverse", jobs);
        }
        Map<String, JobOutcome> onSpark = outcomes(new SparkTaskExecutor(spark), "test-reverse", jobs);
        assertEquals(local.keySet(), onSpark.keySet());
        assertArrayEquals(new byte[] {3, 2, 1}, onSpark.get("a").output());
        assertArrayEquals(new byte[0], onSpark.get("c").output());
        assertArrayEquals(new byte[] {6, 5, 7, 8, 9}, onSpark.get("s1").output());
        assertArrayEquals(new byte[] {7, 8}, onSpark.get("s2").output());
        assertArrayEquals(local.get("s1").output(), onSpark.get("s1").output());
        assertFalse(onSpark.get("bad").succeeded());
        assertEquals("java.lang.IllegalStateException: bad input for spec: 1", onSpark.get("bad").cause());
        assertEquals(local.get("bad").cause(), onSpark.get("bad").cause());

        // an executor without the experiment's job source reports every job as failed, with the reason
        Map<String, JobOutcome> unknown = outcomes(new SparkTaskExecutor(spark), "no-such-kind", jobs.subList(0, 1));
        assertTrue(unknown.get("a").cause().contains("No job source for experiments of kind 'no-such-kind'"),
                unknown.get("a").cause());
    }
}
