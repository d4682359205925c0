package dev.jackpot.spark;

import dev.jackpot.experiment.RunLayout;
import dev.jackpot.jobs.SweepListener;
import dev.jackpot.store.TrialRow;
import dev.jackpot.sweep.SweepCodec;
import dev.jackpot.sweep.SweepRunner;
import dev.jackpot.sweep.SweepSpec;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry point for {@code spark-submit}: runs (or resumes) one sweep spec on the cluster the
 * submission names.
 *
 * <pre>
 *   spark-submit --class dev.jackpot.spark.SparkSweepMain --master spark://HOST:7077 --deploy-mode client \
 *       jackpot-spark/target/jackpot-spark.jar my-sweep.yaml --out runs [--kind sweep] [--trials-per-task 1]
 * </pre>
 *
 * The driver writes {@code OUT/<kind>-<hash>/results.sqlite}, so use client mode (or a cluster-mode
 * driver with a local disk that outlives it). Exit codes as the {@code jackpot} command: 0 every
 * trial finished, 1 failed trials or a failed job (re-run to resume), 2 invalid arguments or spec.
 */
public final class SparkSweepMain {

    private static final Logger LOG = LoggerFactory.getLogger(SparkSweepMain.class);

    private static final String USAGE = "usage: spark-submit --class " + SparkSweepMain.class.getName()
            + " [spark options] jackpot-spark.jar SPEC.yaml [--out DIR] [--kind KIND] [--trials-per-task N]";

    private SparkSweepMain() {
    }

    /** Parsed command line. */
    record Args(Path spec, Path out, String kind, int trialsPerTask) {

        static Args parse(String[] args) {
            Path spec = null;
            Path out = Path.of(RunLayout.DEFAULT_ROOT);
            String kind = "sweep";
            int perTask = 1;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    case "--kind" -> kind = value(args, ++i, a);
                    case "--trials-per-task" -> {
                        String v = value(args, ++i, a);
                        try {
                            perTask = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--trials-per-task must be a positive integer, got '" + v + "'");
                        }
                        if (perTask < 1) {
                            throw new IllegalArgumentException("--trials-per-task must be positive, got " + perTask);
                        }
                    }
                    default -> {
                        if (a.startsWith("-") || spec != null) {
                            throw new IllegalArgumentException("unexpected argument '" + a + "'");
                        }
                        spec = Path.of(a);
                    }
                }
            }
            if (spec == null) {
                throw new IllegalArgumentException("the sweep spec file is missing");
            }
            return new Args(spec, out, kind, perTask);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }

    /**
     * @param args the sweep spec file, then options
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command on the Spark context spark-submit configured.
     *
     * @param args command line
     * @param out  where the summary goes
     * @param err  where errors go
     * @return the exit code
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Args a;
        SweepSpec sweep;
        try {
            a = Args.parse(args);
            sweep = SweepCodec.CODEC.read(a.spec());
        } catch (IllegalArgumentException e) { // SpecException included
            err.println("jackpot-spark: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        SparkConf conf = new SparkConf().setAppName("jackpot " + a.kind() + " " + SweepRunner.id(a.kind(), sweep));
        try (JavaSparkContext spark = new JavaSparkContext(conf);
             SparkExecutor executor = new SparkExecutor(spark, a.trialsPerTask())) {
            SweepRunner.Outcome o = new SweepRunner().run(a.kind(), sweep, a.out(), executor, new Logged());
            List<TrialRow> rows = o.rows();
            long failed = rows.stream().filter(r -> !r.isOk()).count();
            out.printf("%s: %d of %d trials finished (%d computed now, %d failed)%n", o.layout().dir(),
                    rows.size() - failed, o.plan().totalTrials(), o.computed(), failed);
            return o.complete() ? 0 : 1;
        } catch (Exception e) {
            err.println("jackpot-spark: error: " + e.getMessage());
            LOG.debug("failure", e);
            return 1;
        }
    }

    /** Progress as log lines, about every 5% of the trials. */
    private static final class Logged implements SweepListener {
        private int scheduled;

        @Override
        public void onStart(int total, int finished, int scheduled) {
            this.scheduled = scheduled;
            LOG.info("jackpot sweep: {} trials, {} already finished, {} to run", total, finished, scheduled);
        }

        @Override
        public void onTrial(TrialRow row, int done) {
            if (!row.isOk()) {
                LOG.warn("jackpot sweep: {}", row.error());
            }
            if (done == scheduled || done % Math.max(1, scheduled / 20) == 0) {
                LOG.info("jackpot sweep: {} of {} trials done", done, scheduled);
            }
        }
    }
}
