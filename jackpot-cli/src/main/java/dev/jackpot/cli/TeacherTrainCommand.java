package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.mask.SupportMask;
import dev.jackpot.teacher.InitMethod;
import dev.jackpot.teacher.MaskSource;
import dev.jackpot.teacher.OverlapMode;
import dev.jackpot.teacher.StepUnit;
import dev.jackpot.teacher.Task;
import dev.jackpot.teacher.Teacher;
import dev.jackpot.teacher.TeacherTrialSpec;
import dev.jackpot.teacher.TrialListener;
import dev.jackpot.theory.TeacherRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code jackpot teacher train}: one trial of Algorithm 1 on a drawn pruned teacher.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw a pruned teacher, sample N examples, and learn it with masked accelerated gradient "
                + "descent (Algorithm 1). Prints iterations, loss, recovery error, success, test error and time, and "
                + "writes the run to OUT/teacher-<hash>/ (spec, manifest, trajectory, convergence plot, result).",
                "Options override the fields of --spec; fields given nowhere take their defaults. Re-running a "
                        + "finished spec prints its stored result (use --force to recompute)."})
final class TeacherTrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Mixin
    OutputOptions output;

    @Option(names = "--spec", paramLabel = "FILE", description = "YAML or JSON spec file (fields as in a run's spec.yaml).")
    Path specFile;

    @Option(names = "--seed", description = "Root seed; every random stream is derived from it by name (default 1).")
    Long seed;

    @Option(names = "--K", paramLabel = "K", description = "Hidden neurons of teacher and learner (default 10).")
    Integer k;

    @Option(names = "--d", paramLabel = "d", description = "Input dimension (default 300).")
    Integer d;

    @Option(names = "--N", paramLabel = "N", description = "Training samples (default 5000).")
    Integer n;

    @Option(names = "--r", paramLabel = "r", description = "Nonzero weights per teacher neuron, r_j (default 20).")
    Integer r;

    @Option(names = "--r-spread", paramLabel = "S", description = "r_j uniform in [(1-S)r, (1+S)r] (default 0; paper Figs 2, 4: 0.1).")
    Double rSpread;

    @Option(names = "--overlap", paramLabel = "MODE", description = "Support overlap: ${COMPLETION-CANDIDATES} (default full: every pair of neurons shares an input).")
    OverlapMode overlap;

    @Option(names = "--groups", paramLabel = "G", description = "Disjoint groups for --overlap groups (default 1).")
    Integer groups;

    @Option(names = "--weight-range", paramLabel = "A", description = "Nonzero teacher weights uniform in [-A, A] (default 0.5).")
    Double weightRange;

    @Option(names = "--task", description = "${COMPLETION-CANDIDATES}: squared loss, or binary labels P(y=1|x)=g(x;W*) with cross-entropy (default regression).")
    Task task;

    @Option(names = "--noise", paramLabel = "RATIO", description = "Label noise sigma / E_y, E_y the RMS of noiseless outputs (default 0).")
    Double noise;

    @Option(names = "--mask", paramLabel = "SOURCE", description = "Learner mask: ${COMPLETION-CANDIDATES} (default oracle: M = M*).")
    MaskSource mask;

    @Option(names = "--pruning-ratio", paramLabel = "P", description = "Fraction of the d*K weights that magnitude/grasp masks remove (default 0).")
    Double pruningRatio;

    @Option(names = "--score-iterations", paramLabel = "T", description = "Dense AGD iterations before magnitude/GraSP scoring (default 20).")
    Integer scoreIterations;

    @Option(names = "--init", paramLabel = "METHOD", description = "W(0): ${COMPLETION-CANDIDATES} (default lambda: W* + lambda ||W*|| D/||D||).")
    InitMethod init;

    @Option(names = "--lambda", description = "Relative distance of W(0) from W* (default 0.2).")
    Double lambda;

    @Option(names = "--tensor-samples", paramLabel = "M", description = "Fresh samples for the tensor initialisation's moments; 0 = the training set (default 0).")
    Integer tensorSamples;

    @Option(names = "--eta", description = "Step size, in --step-unit units (default 1.5 normalised).")
    Double eta;

    @Option(names = "--step-unit", paramLabel = "UNIT", description = "paper: eta multiplies the exact gradient of eq. (2) (Theorem 2: eta = K/14; "
            + "Fig. 3: 0.5); normalised: the step is eta / L, L the top Hessian eigenvalue at W(0) (default normalised).")
    StepUnit stepUnit;

    @Option(names = "--beta", description = "Heavy-ball momentum; 0 is plain gradient descent (default 0.2).")
    Double beta;

    @Option(names = "--tol", description = "Stop when ||W(t+1)-W(t)||/||W(t)|| < tol (default 1e-8).")
    Double tol;

    @Option(names = "--max-iterations", paramLabel = "T", description = "Iteration cap (default 10000).")
    Integer maxIterations;

    @Option(names = "--partitions", paramLabel = "T", description = "Split the data into T disjoint blocks, iteration t using block t mod T (default 1: full batch).")
    Integer partitions;

    @Option(names = "--test-samples", paramLabel = "M", description = "Fresh noiseless samples for the test error (default 10000).")
    Integer testSamples;

    @Option(names = "--success-threshold", paramLabel = "E", description = "Success when the recovery error is below E (default 1e-4).")
    Double successThreshold;

    @Option(names = "--threads", description = "Threads for the per-neuron kernels; never changes a result (default ${DEFAULT-VALUE}).", defaultValue = "1")
    int threads;

    @Option(names = "--force", description = "Recompute even if this spec already has a finished run.")
    boolean force;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        TeacherTrialSpec spec = buildSpec();
        if (threads < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--threads must be positive, got " + threads);
        }
        TeacherRun.Outcome outcome;
        try (Progress progress = Progress.start("AGD", spec.agd().maxIterations(), quiet)) {
            TrialListener listener = new TrialListener() {
                @Override
                public void onStart(Teacher teacher, SupportMask m, double[][] w0) {
                }

                @Override
                public void onIteration(int iteration, double loss, double change, double[][] w) {
                    progress.update(iteration, String.format("loss %.2e change %.2e", loss, change));
                }
            };
            outcome = TeacherRun.run(spec, output.out, threads, force, listener);
        }
        ObjectNode result = outcome.metrics().deepCopy();
        result.put("seed", spec.seed());
        result.put("runId", outcome.layout().id().toString());
        result.put("runDir", outcome.layout().dir().toString());
        result.put("cached", outcome.cached());
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            OutputOptions.printJson(out, result);
        } else {
            printHuman(out, result);
        }
        return ExitCodes.OK;
    }

    private static void printHuman(PrintWriter out, ObjectNode r) {
        out.printf("iterations      %d%n", r.get("iterations").asInt());
        out.printf("loss            %.3e%n", r.get("loss").asDouble());
        out.printf("recovery error  %.3e  (initial %.3e)%n", r.get("recoveryError").asDouble(), r.get("initialError").asDouble());
        out.printf("success         %s%n", r.get("success").asBoolean());
        out.printf("test error      %.3e%n", r.get("testError").asDouble());
        out.printf("r-tilde         %.2f  (oracle %.2f)%n", r.get("rTilde").asDouble(), r.get("rTildeOracle").asDouble());
        out.printf("mask accuracy   %.3f, pruning ratio %.3f%n", r.get("maskAccuracy").asDouble(), r.get("pruningRatio").asDouble());
        out.printf("converged       %s, diverged %s (%s)%n", r.get("converged").asBoolean(), r.get("diverged").asBoolean(),
                r.get("stopReason").asText());
        out.printf("time            %.3f s%s%n", r.get("seconds").asDouble(), r.get("cached").asBoolean() ? " (stored result)" : "");
        out.printf("run             %s%n", r.get("runDir").asText());
        out.flush();
    }

    /** The spec file (or defaults) with every given option applied, validated as a whole. */
    TeacherTrialSpec buildSpec() {
        TeacherTrialSpec base = specFile == null ? TeacherRun.CODEC.defaults() : TeacherRun.CODEC.read(specFile);
        ObjectNode tree = TeacherRun.CODEC.toTree(base);
        ObjectNode teacher = (ObjectNode) tree.get("teacher");
        ObjectNode maskNode = (ObjectNode) tree.get("mask");
        ObjectNode initNode = (ObjectNode) tree.get("init");
        ObjectNode agd = (ObjectNode) tree.get("agd");
        if (seed != null) {
            tree.put("seed", seed);
        }
        put(teacher, "k", k);
        put(teacher, "d", d);
        put(teacher, "r", r);
        put(teacher, "rSpread", rSpread);
        put(teacher, "overlap", overlap);
        put(teacher, "groups", groups);
        put(teacher, "weightRange", weightRange);
        put(teacher, "task", task);
        put(teacher, "noise", noise);
        put(tree, "n", n);
        put(maskNode, "source", mask);
        put(maskNode, "pruningRatio", pruningRatio);
        put(maskNode, "scoreIterations", scoreIterations);
        put(initNode, "method", init);
        put(initNode, "lambda", lambda);
        put(initNode, "tensorSamples", tensorSamples);
        put(agd, "eta", eta);
        put(agd, "stepUnit", stepUnit);
        put(agd, "beta", beta);
        put(agd, "tol", tol);
        put(agd, "maxIterations", maxIterations);
        put(agd, "partitions", partitions);
        put(tree, "testSamples", testSamples);
        put(tree, "successThreshold", successThreshold);
        return TeacherRun.CODEC.fromTree(tree, "command line");
    }

    private static void put(ObjectNode node, String field, Object value) {
        if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value instanceof Double v) {
            node.put(field, v);
        } else if (value instanceof Enum<?> e) {
            node.put(field, e.name());
        } else if (value != null) {
            throw new IllegalStateException("unexpected option type " + value.getClass());
        }
    }
}
