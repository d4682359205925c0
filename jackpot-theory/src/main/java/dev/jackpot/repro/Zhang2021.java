package dev.jackpot.repro;

import dev.jackpot.experiment.RunLayout;
import dev.jackpot.jobs.SweepListener;
import dev.jackpot.report.Claim;
import dev.jackpot.report.Report;
import dev.jackpot.run.RunWriter;
import dev.jackpot.sweep.LocalExecutor;
import dev.jackpot.sweep.SweepCodec;
import dev.jackpot.sweep.SweepRunner;
import dev.jackpot.sweep.SweepSpec;
import dev.jackpot.sweep.TrialExecutor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reproductions of the synthetic experiments of Zhang, Wang, Liu, Chen, Xiong, "Why Lottery Ticket
 * Wins?" (NeurIPS 2021). Each figure is a sweep run into {@code runs/zhang2021-fig<N>-<hash>/},
 * resumable like any sweep; when its trials are complete the figure is drawn and the paper's claims
 * are checked on the data and written to {@code report.html} and {@code report.md}. A claim the
 * data does not support is reported as not reproduced, with its numbers.
 */
public final class Zhang2021 {

    private static final Map<Integer, PaperFigure> FIGURES = new TreeMap<>();

    static {
        for (PaperFigure f : List.of(new Fig2ConvexRegion(), new Fig3ConvergenceRate(), new Fig4SampleComplexity(),
                new Fig5Architectures(), new Fig6Noise(), new Fig7MaskAccuracy(), new Fig8IterationsToTarget(),
                new Fig9SampleSize(), new Fig10SyntheticImp())) {
            FIGURES.put(f.number(), f);
        }
    }

    private Zhang2021() {
    }

    /** @return the numbers of the figures that can be reproduced */
    public static List<Integer> figures() {
        return List.copyOf(FIGURES.keySet());
    }

    /**
     * @param number a figure number
     * @return the figure
     * @throws IllegalArgumentException if there is no such reproduction
     */
    public static PaperFigure figure(int number) {
        PaperFigure f = FIGURES.get(number);
        if (f == null) {
            throw new IllegalArgumentException("figure " + number + " of zhang2021 is not available; available: "
                    + figures());
        }
        return f;
    }

    /**
     * The outcome of one figure.
     *
     * @param figure   the figure number
     * @param layout   its run directory
     * @param complete whether every trial finished (only then are plots, claims and report written)
     * @param claims   the checked claims (empty when incomplete)
     * @param computed trials computed by this invocation
     */
    public record FigureRun(int figure, RunLayout layout, boolean complete, List<Claim> claims, int computed) {
    }

    /**
     * Runs (or resumes) one figure and, once complete, analyses it and writes its report.
     *
     * @param number   figure number
     * @param scale    quick or paper
     * @param root     the directory holding runs
     * @param threads  worker threads
     * @param runner   the sweep runner (so a caller can stop it)
     * @param listener progress
     * @return the outcome
     * @throws IOException if the run cannot be written
     */
    public static FigureRun run(int number, Scale scale, Path root, int threads, SweepRunner runner,
                                SweepListener listener) throws IOException {
        return run(number, scale, root, new LocalExecutor(threads), runner, listener);
    }

    /**
     * Runs (or resumes) one figure on an executor (e.g. Spark) and, once complete, analyses it and
     * writes its report.
     *
     * @param number   figure number
     * @param scale    quick or paper
     * @param root     the directory holding runs
     * @param executor where the trials run
     * @param runner   the sweep runner (so a caller can stop it)
     * @param listener progress
     * @return the outcome
     * @throws IOException if the run cannot be written
     */
    public static FigureRun run(int number, Scale scale, Path root, TrialExecutor executor, SweepRunner runner,
                                SweepListener listener) throws IOException {
        PaperFigure figure = figure(number);
        SweepSpec sweep = figure.sweep(scale);
        SweepRunner.Outcome outcome = runner.run("zhang2021-fig" + number, sweep, root, executor, listener);
        if (!outcome.complete()) {
            return new FigureRun(number, outcome.layout(), false, List.of(), outcome.computed());
        }
        RunWriter writer = RunWriter.open(outcome.layout());
        Analysis analysis = figure.analyse(sweep, outcome.rows(), writer);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("run", outcome.layout().id().toString());
        provenance.put("scale", scale.name().toLowerCase(java.util.Locale.ROOT));
        provenance.put("trials", Integer.toString(outcome.plan().totalTrials()));
        provenance.put("root seed", Long.toString(sweep.seed()));
        writer.report(new Report("Zhang et al. (NeurIPS 2021), Figure " + number + ": " + figure.title(),
                analysis.summary(), SweepCodec.CODEC.toYaml(sweep), analysis.figures(), analysis.tables(),
                analysis.claims(), provenance));
        return new FigureRun(number, outcome.layout(), true, analysis.claims(), outcome.computed());
    }

    /**
     * @param numbers figures to run, in order
     * @param scale   quick or paper
     * @param root    runs directory
     * @param threads worker threads
     * @param runner  the sweep runner
     * @param listener progress
     * @return one outcome per figure
     * @throws IOException if a run cannot be written
     */
    public static List<FigureRun> runAll(List<Integer> numbers, Scale scale, Path root, int threads,
                                         SweepRunner runner, SweepListener listener) throws IOException {
        List<FigureRun> out = new ArrayList<>();
        for (int n : numbers) {
            out.add(run(n, scale, root, threads, runner, listener));
        }
        return out;
    }
}
