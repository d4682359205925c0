package dev.jackpot.prune;

/**
 * How many weights a pruning step removes (weak-lth.md section 3.2). {@link #EXACT} is Jackpot's own
 * rule (see {@link Counting}) and the default; the others reproduce the reference implementations'
 * rounding and threshold rules, read from their code, so that results can be compared count for count.
 * With p the prune fraction, d the target density (s = 1 − d the sparsity), R the remaining and N
 * all entries of the group (all eligible tensors under GLOBAL scope, one tensor under LAYERWISE):
 * <table>
 *   <caption>Counting rules</caption>
 *   <tr><th>rule</th><th>applies to</th><th>count</th><th>selection</th></tr>
 *   <tr><td>EXACT</td><td>IMP rounds and target densities</td><td>{@code m = ceil(p·R)} removed;
 *       {@code round(d·N)} kept (halves up)</td><td>exact, ties by tensor order then flat index</td></tr>
 *   <tr><td>OPENLTH</td><td>IMP rounds, GLOBAL (OpenLTH {@code sparse_global})</td><td>{@code m = ceil(p·R)}
 *       with R counting the remaining weights of <em>every</em> prunable tensor, excluded ones included</td>
 *       <td>removes every remaining eligible {@code |w| ≤ sorted[m]} (0-based, ascending): m + 1 absent
 *       ties</td></tr>
 *   <tr><td>LTH_TF</td><td>IMP rounds, LAYERWISE (google-research/lottery-ticket-hypothesis
 *       {@code prune_by_percent})</td><td>{@code m_l = round(p_l·R_l)}, halves to even</td>
 *       <td>removes {@code |w| ≤ sorted[m_l]}: m_l + 1 absent ties</td></tr>
 *   <tr><td>SYNFLOW</td><td>target densities (Synaptic-Flow {@code _global_mask}, also per layer)</td>
 *       <td>{@code k = floor((1 − d)·N)}, N counting pruned entries as score 0</td>
 *       <td>removes every remaining score ≤ the k-th smallest: k in all plus ties; nothing when k &lt; 1</td></tr>
 *   <tr><td>SNIP</td><td>target densities (namhoonlee/snip-public)</td><td>keeps {@code round(N·(1 − s))},
 *       halves to even</td><td>exact top-k</td></tr>
 *   <tr><td>GRASP</td><td>target densities (alecwangcq/GraSP)</td><td>{@code m = floor(N·s)}</td>
 *       <td>keeps scores up to the m-th in removal order, i.e. removes only those ranked strictly
 *       before the m-th: m − 1 absent ties (nothing when m = 0)</td></tr>
 * </table>
 * The reference rules evaluate {@code p·R} and {@code (1 − d)·N} in plain double arithmetic, as
 * NumPy and PyTorch do, without {@link Counting}'s snapping of decimal rates. Each result records the
 * rule's nominal count as requested and the count achieved ({@link LayerCount}, {@link PruneResult}).
 */
public enum CountingRule {
    /** Jackpot's exact counts (the default). */
    EXACT,
    /** OpenLTH {@code sparse_global}. */
    OPENLTH,
    /** google-research/lottery-ticket-hypothesis {@code prune_by_percent}. */
    LTH_TF,
    /** ganguli-lab/Synaptic-Flow {@code _global_mask} / {@code _local_mask}. */
    SYNFLOW,
    /** namhoonlee/snip-public. */
    SNIP,
    /** alecwangcq/GraSP. */
    GRASP;

    /** @return whether the rule counts IMP rounds at a prune fraction ({@link MagnitudePruneStrategy}) */
    public boolean forRounds() {
        return this == EXACT || this == OPENLTH || this == LTH_TF;
    }

    /** @return whether the rule counts one-shot pruning to a target density ({@link ScorePruneStrategy}) */
    public boolean forDensity() {
        return this == EXACT || this == SYNFLOW || this == SNIP || this == GRASP;
    }
}
