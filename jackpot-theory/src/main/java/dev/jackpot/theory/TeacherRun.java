package dev.jackpot.theory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.RunId;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.plot.Charts;
import dev.jackpot.run.Resources;
import dev.jackpot.run.RunLock;
import dev.jackpot.run.RunWriter;
import dev.jackpot.teacher.NeuronParallel;
import dev.jackpot.teacher.TeacherTrial;
import dev.jackpot.teacher.TeacherTrialResult;
import dev.jackpot.teacher.TeacherTrialSpec;
import dev.jackpot.teacher.TrialListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One teacher-student trial as a run: {@code runs/teacher-<hash>/} with the spec, manifest,
 * trajectory, a convergence plot and the metrics. Running the same spec again finds the finished
 * run and returns its stored metrics without recomputing (unless forced).
 */
public final class TeacherRun {

    /** The run kind, the prefix of the run id. */
    public static final String KIND = "teacher";

    /** Reads teacher specs; fields left out take these defaults (K=10, d=300, N=5000, r=20, seed 1). */
    public static final SpecCodec<TeacherTrialSpec> CODEC =
            new SpecCodec<>(TeacherTrialSpec.class, TeacherTrialSpec.defaults(10, 300, 5000, 20, 1));

    private TeacherRun() {
    }

    /**
     * What a run produced.
     *
     * @param layout  where it lives
     * @param metrics the metrics object (as in {@code result.json})
     * @param cached  whether an earlier finished run was reused
     */
    public record Outcome(RunLayout layout, ObjectNode metrics, boolean cached) {
    }

    /**
     * @param spec a spec
     * @return its run id
     */
    public static RunId id(TeacherTrialSpec spec) {
        return RunId.of(KIND, CODEC.toTree(spec), CODEC.toTree(CODEC.defaults()));
    }

    /**
     * Runs (or finds) the trial.
     *
     * @param spec     the trial
     * @param root     the directory holding runs
     * @param threads  threads for the neuron-parallel kernels (never changes the result)
     * @param force    recompute even if the run is finished
     * @param listener progress observer
     * @return the outcome
     * @throws IOException if the run directory cannot be written
     */
    public static Outcome run(TeacherTrialSpec spec, Path root, int threads, boolean force, TrialListener listener)
            throws IOException {
        Objects.requireNonNull(spec, "spec");
        Resources.requireHeap("teacher train", spec.estimatedBytes(), spec.sizes());
        RunLayout layout = new RunLayout(root, id(spec));
        if (!force && Files.isRegularFile(layout.result())) {
            JsonNode stored = SpecCodec.json().readTree(layout.result().toFile());
            if (stored instanceof ObjectNode node) {
                return new Outcome(layout, node, true);
            }
        }
        RunWriter w = RunWriter.open(layout);
        try (RunLock lock = RunLock.acquire(layout.dir())) {
            w.spec(CODEC.toYaml(spec));
            Instant started = Instant.now();
            TrajectoryRecorder recorder = new TrajectoryRecorder(listener);
            TeacherTrialResult result;
            try (NeuronParallel parallel = NeuronParallel.of(threads)) {
                result = TeacherTrial.run(spec, parallel, recorder);
            }
            Instant finished = Instant.now();
            w.manifest(threads, result.seeds(), started, finished);
            w.text(layout.trajectory().getFileName().toString(), recorder.toCsv());
            plotConvergence(recorder, w);
            ObjectNode metrics = metrics(result);
            w.result(metrics);
            return new Outcome(layout, metrics, false);
        }
    }

    /**
     * The metrics object of a result: the fields {@code jackpot teacher train --json} prints.
     *
     * @param r a result
     * @return a JSON object
     */
    public static ObjectNode metrics(TeacherTrialResult r) {
        ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("iterations", r.iterations());
        o.put("loss", r.trainLoss());
        o.put("recoveryError", r.recoveryError());
        o.put("initialError", r.initialError());
        o.put("success", r.success());
        o.put("testError", r.testError());
        o.put("rTilde", r.rTilde());
        o.put("rTildeOracle", r.rTildeOracle());
        o.put("maskAccuracy", r.maskAccuracy());
        o.put("pruningRatio", r.pruningRatio());
        o.put("seconds", r.seconds());
        o.put("converged", r.converged());
        o.put("diverged", r.diverged());
        o.put("stopReason", r.stopReason());
        return o;
    }

    /**
     * Reads a finished run's trajectory back.
     *
     * @param layout the run
     * @return (iteration, recovery error) pairs, iteration 0 being W(0)
     * @throws IOException if the file cannot be read
     */
    public static double[][] readRecoveryCurve(RunLayout layout) throws IOException {
        List<String> lines = Files.readAllLines(layout.trajectory());
        double[][] curve = new double[2][lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            curve[0][i - 1] = Double.parseDouble(cells[0]);
            curve[1][i - 1] = Double.parseDouble(cells[3]);
        }
        return curve;
    }

    private static void plotConvergence(TrajectoryRecorder recorder, RunWriter w) throws IOException {
        List<TrajectoryRecorder.Point> points = recorder.points();
        double[] t = new double[points.size() + 1];
        double[] err = new double[points.size() + 1];
        double[] change = new double[points.size() + 1];
        t[0] = 0;
        err[0] = recorder.initialError();
        change[0] = Double.NaN;
        for (int i = 0; i < points.size(); i++) {
            t[i + 1] = points.get(i).iteration();
            err[i + 1] = points.get(i).recoveryError();
            change[i + 1] = points.get(i).relativeChange();
        }
        w.plot("convergence", Charts.lines("Convergence of Algorithm 1", "iteration", "relative error (log scale)", false, true,
                List.of(new Charts.Series("||W - W*P||_F / ||W*||_F", t, err),
                        new Charts.Series("||W(t+1) - W(t)||_F / ||W(t)||_F", t, change))));
    }
}
