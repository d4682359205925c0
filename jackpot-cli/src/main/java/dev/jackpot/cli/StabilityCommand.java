package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.lottery.LotteryListener;
import dev.jackpot.nn.lottery.LotterySpec;
import dev.jackpot.nn.stability.Stability;
import dev.jackpot.nn.stability.StabilitySpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jackpot stability}: instability and linear mode connectivity of a lottery run's networks (ICML 2020). */
@Command(name = "stability", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Instability analysis (Frankle, Dziugaite, Roy, Carbin, ICML 2020) of the dense network and IMP "
                + "tickets of a lottery run: rewind to step k, train two copies with different data orders, and "
                + "evaluate the test error along the straight line between them; the error barrier is its maximum "
                + "minus the mean of the endpoints. The lottery run (--preset / --spec as for 'jackpot lottery') is "
                + "run or resumed first.",
                "Writes OUT/stability-<hash>/ with barrier-vs-k, barrier-vs-density and one error-along-the-path plot "
                        + "per k, the table, three claims and report.html; each cell is saved as it finishes, so a "
                        + "stopped study resumes."})
final class StabilityCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Mixin
    OutputOptions output;

    @Mixin
    SparseEngineOptions sparse;

    @Option(names = "--preset", paramLabel = "NAME", description = "The lottery's preset (default lenet300-fashion).")
    String preset;

    @Option(names = "--spec", paramLabel = "FILE", description = "The lottery's spec file, merged over --preset.")
    Path specFile;

    @Option(names = "--data-path", paramLabel = "DIR", description = "Directory of the dataset's files.")
    String dataPath;

    @Option(names = "--at-levels", split = ",", paramLabel = "L,L,...", defaultValue = "0,3,7",
            description = "IMP levels to analyse, 0 = dense (default ${DEFAULT-VALUE}).")
    List<Integer> levels;

    @Option(names = "--ks", split = ",", paramLabel = "K,K,...", defaultValue = "0,100,500",
            description = "Rewinding steps (default ${DEFAULT-VALUE}).")
    List<Long> ks;

    @Option(names = "--replicates", paramLabel = "R", description = "Analyse the lottery's first R replicates "
            + "(default: all).")
    Integer replicates;

    @Option(names = "--points", defaultValue = "30", description = "Intervals of the path (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--stable-below", defaultValue = "2", paramLabel = "POINTS", description = "A barrier below this "
            + "many points is stable (default ${DEFAULT-VALUE}, the paper's 2%%; not part of the run id).")
    double stableBelow;

    @Option(names = "--threads", defaultValue = "1", description = "libtorch intra-op threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), "--threads must be positive, got " + threads);
        }
        LotterySpec base = LotterySpec.preset(preset == null ? "lenet300-fashion" : preset);
        LotterySpec lottery = specFile == null ? base : new SpecCodec<>(LotterySpec.class, base).read(specFile);
        if (dataPath != null) {
            lottery = lottery.toBuilder().dataPath(dataPath).build();
        }
        StabilitySpec spec = new StabilitySpec(lottery, levels, ks, replicates == null ? lottery.replicates() : replicates,
                points, stableBelow);
        int cells = spec.replicates() * spec.levels().size() * spec.ks().size();
        Stability.Result r;
        try (Progress progress = Progress.start("stability", cells, quiet)) {
            r = Stability.run(spec, output.out, sparse.compute(threads), new LotteryListener() {
                @Override
                public void replicateStarted(int replicate, int finished) {
                    progress.update(0, "lottery replicate " + replicate + " from level " + finished);
                }
            }, new Stability.Listener() {
                @Override
                public void cellFinished(int done, int total, String what) {
                    progress.update(done, what);
                }
            });
        }
        StudyOutput.print(commandSpec.commandLine().getOut(), output.json, r.layout(), r.cells().size(), r.computed(),
                r.claims(), o -> {
                    ArrayNode cs = o.putArray("cells");
                    r.cells().forEach(c -> cs.addObject().put("replicate", c.replicate()).put("level", c.level())
                            .put("density", c.density()).put("k", c.k()).put("barrierPoints", c.barrierPoints())
                            .put("accuracy", c.accuracy()));
                });
        return ExitCodes.OK;
    }
}
