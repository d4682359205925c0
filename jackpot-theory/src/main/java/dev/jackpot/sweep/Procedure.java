package dev.jackpot.sweep;

/**
 * What one trial of a sweep does with its teacher-student spec, and so which metrics it records.
 */
public enum Procedure {
    /**
     * One run of {@link dev.jackpot.teacher.TeacherTrial}: iterations, losses, recovery and test
     * error, success, r-tilde, mask accuracy, pruning ratio, convergence flags.
     */
    TRIAL,
    /**
     * As TRIAL, plus the linear convergence rate: exp of the least-squares slope of log recovery
     * error against iteration over the iterations whose error lies in [1e-7, 1e-2] ({@code rate}),
     * and the whole-run geometric mean rate (err_T / err_0)^(1/T) ({@code rateOverall}).
     */
    RATE,
    /**
     * As TRIAL, plus the first iteration at which the test error drops below 1e-2, 1e-3, ..., 1e-6
     * ({@code itersTo1e-2}, ...; absent when never reached). The test error monitored here is the
     * population one in closed form ({@link dev.jackpot.teacher.Recovery#populationTestError}), the
     * limit of the sampled test error as the test set grows; it costs O(K^2 d) per iteration, where a
     * 10^4-sample monitoring set cost as much as about 50 training iterations at N = 200.
     */
    TARGETS,
    /**
     * Iterative magnitude pruning on the teacher-student task (paper section 4.3): train the dense
     * learner with Algorithm 1, prune {@link ImpSpec#fraction()} of the remaining weights by global
     * magnitude, rewind the survivors to W(0), retrain; records test error and density per round.
     */
    IMP
}
