package dev.jackpot.spark;

import dev.jackpot.jobs.SweepListener;
import dev.jackpot.store.ResultExport;
import dev.jackpot.store.ResultStore;
import dev.jackpot.store.TrialRow;
import dev.jackpot.sweep.Axis;
import dev.jackpot.sweep.SweepRunner;
import dev.jackpot.sweep.SweepSpec;
import dev.jackpot.teacher.InitMethod;
import dev.jackpot.teacher.InitSpec;
import dev.jackpot.teacher.TeacherTrialSpec;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweeps on Spark local[2] against the embedded executor; one Spark context for the whole class. */
class SparkExecutorTest {

    static final SweepSpec SMALL = SweepSpec.of(TeacherTrialSpec.defaults(3, 30, 300, 5, 1).withTestSamples(200), 3,
            Axis.of("teacher.r", 3, 5), Axis.of("n", 150, 300)).withSeed(11);

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(testConf("local[2]"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** Local mode without the web UI, bound to the loopback interface. */
    static SparkConf testConf(String master) {
        return new SparkConf().setMaster(master).setAppName("jackpot-test").set("spark.ui.enabled", "false")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1")
                .set("spark.log.level", "WARN");
    }

    /** The rows exported from a run's store as JSON, wall times zeroed (the one field allowed to differ). */
    static String exported(SweepRunner.Outcome outcome) throws Exception {
        List<TrialRow> rows;
        try (ResultStore store = ResultStore.open(outcome.layout().dir().resolve(SweepRunner.RESULTS))) {
            rows = store.rows().stream().map(r -> new TrialRow(r.key(), r.cell(), r.trial(), r.seed(), r.coordinates(),
                    r.metrics(), r.status(), r.error(), 0)).toList();
        }
        StringWriter out = new StringWriter();
        ResultExport.writeJson(rows, out);
        return out.toString();
    }

    @Test
    void rowsAreByteIdenticalToTheLocalExecutorForAnyPartitioning(@TempDir Path local, @TempDir Path one,
                                                                  @TempDir Path grouped) throws Exception {
        SweepRunner.Outcome reference = new SweepRunner().run("sweep", SMALL, local, 2, SweepListener.NONE);
        SweepRunner.Outcome perTrial = new SweepRunner().run("sweep", SMALL, one, new SparkExecutor(spark, 1),
                SweepListener.NONE);
        // 12 trials in tasks of 5: partitions of 5, 5 and 2 trials, run in any order
        SweepRunner.Outcome perFive = new SweepRunner().run("sweep", SMALL, grouped, new SparkExecutor(spark, 5),
                SweepListener.NONE);
        assertTrue(reference.complete() && perTrial.complete() && perFive.complete());
        assertEquals(12, perTrial.computed());
        String expected = exported(reference);
        assertTrue(expected.contains("\"recoveryError\""), expected);
        assertEquals(expected, exported(perTrial));
        assertEquals(expected, exported(perFive));
        assertEquals(local.relativize(reference.layout().dir()), one.relativize(perTrial.layout().dir()));
    }

    @Test
    void failedTrialsAreRecordedAndOnlyFailedAndMissingTrialsRunAgain(@TempDir Path root, @TempDir Path ref)
            throws Exception {
        // Tensor initialisation needs at least K inputs in the support union: with d = r = 1 it
        // cannot run, so every trial of the tensor cells throws inside its Spark task.
        TeacherTrialSpec base = TeacherTrialSpec.defaults(2, 1, 50, 1, 1).withTestSamples(20)
                .withInit(new InitSpec(InitMethod.TENSOR, 0, 0));
        SweepSpec sweep = SweepSpec.of(base, 2, Axis.of("init.method", "lambda", "tensor"), Axis.of("n", 50, 60));

        // a local run stopped after 3 rows leaves 5 trials missing
        SweepRunner stopping = new SweepRunner();
        SweepRunner.Outcome partial = stopping.run("sweep", sweep, root, 1, new SweepListener() {
            @Override
            public void onTrial(TrialRow row, int done) {
                if (done == 3) {
                    stopping.stop();
                }
            }
        });
        assertEquals(3, partial.rows().size());

        SweepRunner.Outcome first = new SweepRunner().run("sweep", sweep, root, new SparkExecutor(spark, 1),
                SweepListener.NONE);
        assertEquals(5, first.computed(), "only the missing trials run");
        assertFalse(first.complete());
        List<TrialRow> failed = first.rows().stream().filter(r -> !r.isOk()).toList();
        assertEquals(4, failed.size());
        for (TrialRow r : failed) {
            assertTrue(r.error().contains("trial " + r.key() + " (seed " + r.seed() + ", cell"), r.error());
            assertEquals("tensor", r.coordinates().get("init.method"));
        }

        SweepRunner.Outcome second = new SweepRunner().run("sweep", sweep, root, new SparkExecutor(spark, 1),
                SweepListener.NONE);
        assertEquals(4, second.computed(), "only the failed trials run again");
        assertEquals(8, second.rows().size());

        SweepRunner.Outcome reference = new SweepRunner().run("sweep", sweep, ref, 2, SweepListener.NONE);
        assertEquals(exported(reference), exported(second));
    }
}
