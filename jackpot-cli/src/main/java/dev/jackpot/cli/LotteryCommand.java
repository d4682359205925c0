package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.nn.data.Augmentation;
import dev.jackpot.nn.lottery.Lottery;
import dev.jackpot.nn.lottery.LotteryListener;
import dev.jackpot.nn.lottery.LotteryReport;
import dev.jackpot.nn.lottery.LotterySpec;
import dev.jackpot.nn.lottery.LotteryStats;
import dev.jackpot.nn.lottery.SampleSizeStudy;
import dev.jackpot.prune.CountingRule;
import dev.jackpot.prune.LevelResult;
import dev.jackpot.prune.OptimizerAtRewind;
import dev.jackpot.report.Claim;
import dev.jackpot.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code jackpot lottery}: iterative magnitude pruning with controls on real data (Frankle and Carbin, ICLR 2019). */
@Command(name = "lottery", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find lottery tickets by iterative magnitude pruning on a real dataset with the DJL engine: "
                + "per replicate, train dense, prune, rewind, retrain, and train the control branches (random re-init, "
                + "random pruning) at every level. Writes OUT/lottery-<hash>/ (spec, manifest, rep-<r>/level-<L>/<branch>/"
                + " tickets, result.json, report.html, report.md).",
                "Re-running the same spec resumes every replicate at its first unfinished level. Presets: "
                        + "lenet300-fashion (CPU-sized, minutes), lenet300-mnist, conv2-cifar10, resnet20-cifar10 "
                        + "(paper settings; the data from 'jackpot data fetch mnist|cifar10' or --data-path)."})
final class LotteryCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Mixin
    OutputOptions output;

    @Option(names = "--preset", paramLabel = "NAME", description = "A preset spec (default lenet300-fashion).")
    String preset;

    @Option(names = "--spec", paramLabel = "FILE", description = "YAML or JSON spec file giving the fields to change, merged over --preset "
            + "(lenet300-fashion when no preset is given).")
    Path specFile;

    @Option(names = "--levels", paramLabel = "L", description = "Pruning levels after the dense level 0.")
    Integer levels;

    @Option(names = "--replicates", paramLabel = "R", description = "Independent replicates.")
    Integer replicates;

    @Option(names = "--data-path", paramLabel = "DIR", description = "Directory of the dataset's files (default: where 'jackpot data fetch' puts them).")
    String dataPath;

    @Option(names = "--optimizer-at-rewind", paramLabel = "ZERO|RESTORE", description = "Optimiser state when a level "
            + "rewinds to step k (reset REWIND_TO_STEP): ZERO, a fresh optimiser as OpenLTH (the default), or RESTORE, "
            + "level 0's momentum or Adam moments and step count at k, pruned entries zero.")
    OptimizerAtRewind optimizerAtRewind;

    @Option(names = "--counting", paramLabel = "RULE", description = "Removals per round: EXACT (ceil(p R) over the "
            + "eligible tensors, the default), OPENLTH (OpenLTH sparse_global: ceil(p R) with R over every prunable "
            + "tensor, then every |w| <= sorted[m]; GLOBAL scope) or LTH_TF (prune_by_percent: round(p R) half to even "
            + "per layer, then |w| <= sorted[m]; LAYERWISE scope).")
    CountingRule counting;

    @Option(names = "--augment", paramLabel = "NONE|FLIP_CROP", description = "Training-time augmentation: NONE, or "
            + "FLIP_CROP (horizontal flip with probability 1/2, then a crop of the image zero-padded by 4 pixels, drawn "
            + "per example and step; resnet20-cifar10's default). Evaluation is never augmented.")
    Augmentation augment;

    @Option(names = "--validation", paramLabel = "N", description = "Training examples held out (before subsampling) "
            + "as the validation set on which the early-stopping iteration is judged; 0 for none (the test loss is "
            + "used then). Default: the preset's (5000 for lenet300-mnist and conv2-cifar10, else 0).")
    Integer validation;

    @Option(names = "--margin", paramLabel = "POINTS", description = "Equivalence margin of the verdicts, in accuracy "
            + "points (default 0.5): the ticket matches dense when the paired 90%% interval on their difference lies "
            + "within +/- it. Not part of the run id: a finished run is re-judged without training.")
    Double margin;

    @Option(names = "--replicate", paramLabel = "R", description = "Run only replicate R (e.g. one process per "
            + "replicate on the same --out); a later run without it loads them and writes the report.")
    Integer only;

    @Option(names = "--sizes", paramLabel = "N,N,...", split = ",", description = "Zhang et al. (2021) Figs. 11-12: "
            + "one ticket-only IMP run per training-set size N (increasing), then test accuracy against pruning ratio "
            + "per N in OUT/lottery-sizes-<hash>/ with the claim that a pruned network trained on fewer samples beats "
            + "the dense one trained on more.")
    List<Integer> sizes;

    @Option(names = "--threads", defaultValue = "1", description = "libtorch intra-op threads (default ${DEFAULT-VALUE}; "
            + "results are bit-identical only at the same thread count).")
    int threads;

    @CommandLine.Mixin
    SparseEngineOptions sparse;

    @CommandLine.Mixin
    DeepEngineOptions engine;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        LotterySpec spec = buildSpec();
        if (threads < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--threads must be positive, got " + threads);
        }
        engine.check();
        if (only != null && engine.spark()) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--replicate runs one replicate in this "
                    + "process; with --engine spark every replicate runs on the cluster, so leave --replicate out");
        }
        if (sizes != null) {
            if (only != null) {
                throw new CommandLine.ParameterException(commandSpec.commandLine(), "--replicate cannot be combined with --sizes");
            }
            return runSizes(spec);
        }
        long units = (long) (only == null ? spec.replicates() : 1) * (spec.levels() + 1);
        Lottery.Result result;
        try (Progress progress = Progress.start("lottery", units, quiet)) {
            int[] current = {0, 0};
            // levels finished per replicate: on Spark every replicate advances at once
            int[] finishedPer = new int[spec.replicates()];
            LotteryListener listener = new LotteryListener() {
                private long done() {
                    return java.util.Arrays.stream(finishedPer).asLongStream().sum();
                }

                @Override
                public void replicateStarted(int replicate, int finished) {
                    finishedPer[replicate] = finished;
                    current[0] = replicate;
                    current[1] = finished;
                    progress.update(done(), status(replicate, finished, 0, 0));
                }

                @Override
                public void levelFinished(int replicate, LevelResult level) {
                    finishedPer[replicate] = level.level() + 1;
                    current[1] = level.level() + 1;
                    progress.update(done(), String.format(Locale.ROOT, "rep %d level %d: ticket %.2f%%", replicate,
                            level.level(), 100 * level.main().accuracy()));
                }

                @Override
                public void step(int replicate, long step, long total) {
                    if (step % 50 == 0) {
                        progress.update(done(), status(replicate, current[1], step, total));
                    }
                }
            };
            if (engine.spark()) {
                try (TaskExecutor executor = engine.open("jackpot lottery")) {
                    result = Lottery.run(spec, output.out, sparse.compute(threads), listener, executor);
                }
            } else {
                result = Lottery.run(spec, output.out, sparse.compute(threads), listener, only == null ? -1 : only);
            }
        }
        if (only != null) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("runDir", result.layout().dir().toString());
            o.put("replicate", only);
            o.put("levelsComputed", result.computed());
            if (output.json) {
                OutputOptions.printJson(commandSpec.commandLine().getOut(), o);
            } else {
                commandSpec.commandLine().getOut().printf("replicate %d done in %s%n", only, result.layout().dir());
                commandSpec.commandLine().getOut().flush();
            }
            return ExitCodes.OK;
        }
        Report report = LotteryReport.write(result);
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            OutputOptions.printJson(out, LotteryReport.summary(result, report));
        } else {
            List<LotteryStats.LevelStats> stats = LotteryStats.of(result.branches());
            Optional<LotteryStats.LevelStats> fastest = LotteryReport.earlyStopMinimum(stats);
            Claim claim = report.claims().get(0);
            out.printf("%-5s %-22s %8s %16s%n", "level", "branch", "density", "accuracy %");
            for (LotteryStats.LevelStats s : stats) {
                out.printf(Locale.ROOT, "%-5d %-22s %7.2f%% %8.2f%s%n", s.level(), s.branch(), 100 * s.density(),
                        100 * s.accuracy(), Double.isNaN(s.accuracyStd()) ? ""
                                : String.format(Locale.ROOT, " ± %.2f", 100 * s.accuracyStd()));
            }
            out.printf("claim: %s: %s%n", claim.status().label(), claim.detail());
            fastest.ifPresent(f -> out.printf(Locale.ROOT, "early stopping: the ticket's mean early-stop iteration is "
                    + "least at level %d (density %.2f%%): %.0f (reported, not checked)%n", f.level(), 100 * f.density(),
                    f.earlyStop()));
            out.printf("run    %s%nreport %s%n", result.layout().dir(), result.layout().dir().resolve("report.html"));
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** {@code --sizes}: the sample-size study. */
    private int runSizes(LotterySpec spec) throws Exception {
        SampleSizeStudy.Result result;
        long units = (long) sizes.size() * spec.replicates() * (spec.levels() + 1);
        try (Progress progress = Progress.start("lottery sizes", units, quiet)) {
            long[] done = {0};
            LotteryListener listener = new LotteryListener() {
                @Override
                public void levelFinished(int replicate, LevelResult level) {
                    progress.update(++done[0], String.format(Locale.ROOT, "rep %d level %d: ticket %.2f%%", replicate,
                            level.level(), 100 * level.main().accuracy()));
                }
            };
            try {
                try (TaskExecutor executor = engine.open("jackpot lottery --sizes")) {
                    result = SampleSizeStudy.run(spec, sizes, output.out, sparse.compute(threads), listener, executor);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage());
            }
        }
        PrintWriter out = commandSpec.commandLine().getOut();
        if (output.json) {
            OutputOptions.printJson(out, result.toJson());
        } else {
            out.printf("%-7s %-5s %9s %12s%n", "N", "level", "pruned", "accuracy %");
            for (SampleSizeStudy.Point p : result.points()) {
                out.printf(Locale.ROOT, "%-7d %-5d %8.1f%% %12.2f%n", p.n(), p.level(), 100 * (1 - p.density()),
                        100 * p.accuracy());
            }
            for (Claim c : result.claims()) {
                out.printf("claim: %s: %s %s%n", c.status().label(), c.claim(), c.detail());
            }
            out.printf("run    %s%nreport %s%n", result.layout().dir(), result.layout().dir().resolve("report.html"));
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static String status(int replicate, int level, long step, long total) {
        return String.format(Locale.ROOT, "rep %d level %d step %d/%d", replicate, level, step, total);
    }

    /** The preset or spec file with the options applied. */
    LotterySpec buildSpec() {
        // A spec file gives only the fields it changes, merged over --preset (lenet300-fashion when none is given).
        LotterySpec base = LotterySpec.preset(preset == null ? "lenet300-fashion" : preset);
        LotterySpec spec = specFile == null ? base : new SpecCodec<>(LotterySpec.class, base).read(specFile);
        LotterySpec.Builder b = spec.toBuilder();
        if (levels != null) {
            b.levels(levels);
        }
        if (replicates != null) {
            b.replicates(replicates);
        }
        if (dataPath != null) {
            b.dataPath(dataPath);
        }
        if (validation != null) {
            b.validation(validation);
        }
        if (margin != null) {
            b.margin(margin);
        }
        if (augment != null) {
            b.augment(augment);
        }
        if (optimizerAtRewind != null) {
            b.optimizerAtRewind(optimizerAtRewind);
        }
        if (counting != null) {
            b.counting(counting);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage());
        }
    }
}
