/**
 * Writing a run: {@link dev.jackpot.run.RunWriter}, the one place that writes a run directory's spec,
 * plots, artifacts, report, manifest and result, atomically and in the order that marks a run finished
 * only when everything is on disk. It sits above {@code experiment} (layout, specs, manifests),
 * {@code plot} and {@code report}, which it combines.
 */
package dev.jackpot.run;
