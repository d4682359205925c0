/**
 * Pruning and iterative magnitude pruning, engine-neutral: masks over
 * {@link dev.jackpot.tensor.TensorSet}s, exact-count pruning strategies, and the IMP driver that
 * any training engine plugs into through {@link dev.jackpot.prune.TicketTrainer}.
 *
 * <ul>
 *   <li>{@link dev.jackpot.prune.Masks}: validation (values exactly 0/1), density, {@code W ← W ⊙ M},
 *       the masked-zero check, nestedness {@code M_L ≤ M_(L−1)}, Jaccard overlap.</li>
 *   <li>Strategies, all exact with ties broken by score, then tensor order, then flat index
 *       (weak-lth.md 3.1-3.2): {@link dev.jackpot.prune.MagnitudePruneStrategy} (one IMP round,
 *       {@code ceil(p·R)} removed, global or layer-wise with per-layer rates),
 *       {@link dev.jackpot.prune.OneShotPruneStrategy}, {@link dev.jackpot.prune.ScorePruneStrategy}
 *       (SNIP, GraSP, SynFlow scores; inverted control) and {@link dev.jackpot.prune.RandomPruneStrategy}
 *       (layer-wise shuffle and global random controls). Each returns a
 *       {@link dev.jackpot.prune.PruneResult} with requested and achieved counts per layer.</li>
 *   <li>{@link dev.jackpot.prune.DensitySchedule}: {@code Pm(n) = Σ N_l (1−p_l)^n / Σ N_l} and the exact
 *       counts.</li>
 *   <li>{@link dev.jackpot.prune.ImpRunner} with {@link dev.jackpot.prune.ImpSpec}: levels, reset variants
 *       (rewind to init, to step k, learning-rate rewinding, fine-tuning), controls (random
 *       re-initialisation, random pruning), resumable through a {@link dev.jackpot.prune.LevelStore}.</li>
 * </ul>
 */
package dev.jackpot.prune;
