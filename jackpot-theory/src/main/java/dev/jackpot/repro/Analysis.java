package dev.jackpot.repro;

import dev.jackpot.report.Claim;
import dev.jackpot.report.Figure;
import dev.jackpot.report.Table;

import java.util.List;

/**
 * What a figure's analysis produced from the sweep's rows: the plots it drew (under the run's
 * {@code plots/}), tables of the numbers behind them, and the paper's claims checked on them.
 *
 * @param summary one paragraph on the setting and any deviation from the paper
 * @param figures plots
 * @param tables  numbers
 * @param claims  checked claims
 */
public record Analysis(String summary, List<Figure> figures, List<Table> tables, List<Claim> claims) {
    /**
     * Copies the lists.
     */
    public Analysis {
        figures = List.copyOf(figures);
        tables = List.copyOf(tables);
        claims = List.copyOf(claims);
    }
}
