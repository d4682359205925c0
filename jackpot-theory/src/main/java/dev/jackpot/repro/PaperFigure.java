package dev.jackpot.repro;

import dev.jackpot.run.RunWriter;
import dev.jackpot.store.TrialRow;
import dev.jackpot.sweep.SweepSpec;

import java.io.IOException;
import java.util.List;

/**
 * One reproduced figure: the sweep that produces its data at a given scale, and the analysis that
 * draws it and checks the paper's claims on the rows.
 */
public interface PaperFigure {

    /** @return the figure's number in the paper */
    int number();

    /** @return a short title */
    String title();

    /**
     * @param scale quick or paper
     * @return the sweep to run
     */
    SweepSpec sweep(Scale scale);

    /**
     * @param sweep  the sweep that ran
     * @param rows   its rows (every trial finished)
     * @param writer the run directory, where plots go
     * @return plots, tables and checked claims
     * @throws IOException if a plot cannot be written
     */
    Analysis analyse(SweepSpec sweep, List<TrialRow> rows, RunWriter writer) throws IOException;
}
