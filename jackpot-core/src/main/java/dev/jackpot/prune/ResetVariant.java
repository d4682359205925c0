package dev.jackpot.prune;

/**
 * How each IMP level L ≥ 1 restarts after pruning (weak-lth.md section 3.3), with M the new mask,
 * θ0 the initial weights, θk the weights at the rewind step k of level 0, θT the previous level's
 * final weights and T the training steps:
 * <table>
 *   <caption>Reset variants</caption>
 *   <tr><th>variant</th><th>start weights</th><th>steps trained</th></tr>
 *   <tr><td>REWIND_INIT</td><td>M ⊙ θ0</td><td>0 .. T</td></tr>
 *   <tr><td>REWIND_TO_STEP</td><td>M ⊙ θk</td><td>k .. T (schedule and data order fast-forwarded)</td></tr>
 *   <tr><td>LR_REWIND</td><td>M ⊙ θT</td><td>k .. T</td></tr>
 *   <tr><td>FINE_TUNE</td><td>M ⊙ θT</td><td>fine-tuning budget, {@link TrainPhase#FINE_TUNE}</td></tr>
 * </table>
 * Sources: Frankle and Carbin (ICLR 2019) for rewinding to init; Frankle et al. (Stabilizing the
 * LTH; Linear Mode Connectivity, ICML 2020) for rewinding to step k; Renda, Frankle and Carbin
 * (ICLR 2020) for learning-rate rewinding and the fine-tuning baseline. The optimiser state is
 * fresh (zero) at the restart step, as in OpenLTH, unless REWIND_TO_STEP runs with
 * {@link OptimizerAtRewind#RESTORE}.
 */
public enum ResetVariant {
    /** Rewind the weights to initialisation, step 0. */
    REWIND_INIT,
    /** Rewind the weights and the schedule to step k of level 0 ("late rewinding"). */
    REWIND_TO_STEP,
    /** Keep the final weights, rewind only the learning-rate schedule to step k. */
    LR_REWIND,
    /** Keep the final weights and train for a fixed fine-tuning budget. */
    FINE_TUNE
}
