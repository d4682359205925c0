/**
 * The synthetic experiments of Zhang et al. (NeurIPS 2021), Figures 2-10, reproduced as sweeps
 * (zhang2021.md): each {@link dev.jackpot.repro.PaperFigure} declares its sweep at a
 * {@link dev.jackpot.repro.Scale} (quick or paper), runs it through {@link dev.jackpot.sweep.SweepRunner},
 * and analyses the rows into plots and claims checked on the data, written through
 * {@link dev.jackpot.run.RunWriter}; {@link dev.jackpot.repro.Zhang2021} runs the figures and writes
 * the combined report. Plain Java arrays; no deep-learning engine.
 */
package dev.jackpot.repro;
