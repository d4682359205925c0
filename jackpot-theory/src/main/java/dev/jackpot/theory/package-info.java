/**
 * Teacher-student runs (Zhang et al., NeurIPS 2021; zhang2021.md): {@link dev.jackpot.theory.TeacherRun}
 * writes one trial as a run directory with its trajectory ({@link dev.jackpot.theory.TrajectoryRecorder})
 * and convergence plot, and {@link dev.jackpot.theory.Tour} demonstrates every capability, taking the
 * deep-network step from jackpot-nn as a {@link dev.jackpot.theory.Tour.Step}.
 */
package dev.jackpot.theory;
