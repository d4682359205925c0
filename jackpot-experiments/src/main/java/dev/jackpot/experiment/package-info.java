/**
 * The experiment platform: specs read from YAML or JSON ({@link dev.jackpot.experiment.SpecCodec}),
 * run ids that hash the canonical spec ({@link dev.jackpot.experiment.RunId},
 * {@link dev.jackpot.experiment.CanonicalJson}), the run-directory layout
 * ({@link dev.jackpot.experiment.RunLayout}), manifests, atomic writes, and the runs themselves
 * ({@link dev.jackpot.experiment.TeacherRun}).
 */
package dev.jackpot.experiment;
