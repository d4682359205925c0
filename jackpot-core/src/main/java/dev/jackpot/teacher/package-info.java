/**
 * The pruned teacher-student model of Zhang, Wang, Liu, Chen and Xiong, "Why Lottery Ticket Wins? A
 * Theoretical Perspective of Sample Complexity on Pruned Neural Networks" (NeurIPS 2021).
 *
 * <p>A one-hidden-layer ReLU teacher y = (1/K) sum_j relu(w*_j . x) + xi with sparse rows
 * ({@link dev.jackpot.teacher.Teacher}, {@link dev.jackpot.teacher.TeacherSpec}) generates feature-major
 * data ({@link dev.jackpot.teacher.Dataset}). A learner restricted to a mask minimises the empirical
 * risk ({@link dev.jackpot.teacher.Objective}: {@link dev.jackpot.teacher.SparseObjective}, cost
 * O(N sum_j r_j), and the {@link dev.jackpot.teacher.DenseObjective} reference) with Algorithm 1
 * ({@link dev.jackpot.teacher.AgdSolver}), from a perturbed oracle or the tensor initialisation
 * ({@link dev.jackpot.teacher.TensorInitialiser}); masks may come from magnitude or GraSP scores
 * ({@link dev.jackpot.teacher.LearnerMasks}). {@link dev.jackpot.teacher.TeacherTrial} runs one whole
 * trial from a {@link dev.jackpot.teacher.TeacherTrialSpec}; {@link dev.jackpot.teacher.Recovery}
 * measures the result.
 *
 * <p>Conventions: weights are {@code double[K][d]}, row j = neuron j; relu'(0) = 0; every random
 * draw comes from a stream derived by name from the trial's root seed.
 */
package dev.jackpot.teacher;
