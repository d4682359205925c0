/**
 * The experiment platform's core: specs read from YAML or JSON ({@link dev.jackpot.experiment.SpecCodec}),
 * run ids that hash the canonical spec ({@link dev.jackpot.experiment.RunId},
 * {@link dev.jackpot.experiment.CanonicalJson}), the run-directory layout
 * ({@link dev.jackpot.experiment.RunLayout}, {@link dev.jackpot.experiment.LevelLayout}), the one writer
 * of a run's files ({@link dev.jackpot.run.RunWriter}, in its own package above this one), manifests,
 * atomic writes, and the file-backed store of IMP levels ({@link dev.jackpot.experiment.FileLevelStore}). Nothing here knows a
 * particular experiment; the runs themselves live in jackpot-theory and jackpot-nn.
 */
package dev.jackpot.experiment;
