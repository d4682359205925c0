package dev.jackpot.teacher;

import java.util.Map;

/**
 * Everything measured in one {@link TeacherTrial}.
 *
 * @param iterations     Algorithm 1 iterations
 * @param trainLoss      final training loss on all N samples
 * @param recoveryError  min_P ||W - W* P||_F / ||W*||_F
 * @param initialError   the same for W(0)
 * @param success        recoveryError below the threshold and not diverged
 * @param testError      RMS error against the noiseless teacher on fresh samples
 * @param rTilde         r-tilde (eq. 5) of the learner's mask
 * @param rTildeOracle   r-tilde of the oracle's mask
 * @param maskAccuracy   ||M* . M||_0 / ||M*||_0
 * @param pruningRatio   1 - r_ave / d of the learner's mask
 * @param seconds        wall time of the whole trial
 * @param converged      whether the relative change fell below tol
 * @param diverged       whether the run diverged
 * @param stopReason     why Algorithm 1 stopped
 * @param seeds          every derived seed, by name
 * @param weights        the learned W (K x d)
 * @param teacherWeights W* (K x d)
 */
public record TeacherTrialResult(int iterations, double trainLoss, double recoveryError, double initialError,
                                 boolean success, double testError, double rTilde, double rTildeOracle,
                                 double maskAccuracy, double pruningRatio, double seconds, boolean converged,
                                 boolean diverged, String stopReason, Map<String, Long> seeds,
                                 double[][] weights, double[][] teacherWeights) {
}
