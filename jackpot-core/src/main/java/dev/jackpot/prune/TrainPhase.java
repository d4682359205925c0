package dev.jackpot.prune;

/** Which schedule a {@link TrainRequest} asks for. */
public enum TrainPhase {
    /** The spec's learning-rate schedule, evaluated at the requested step numbers. */
    TRAIN,
    /** The fine-tuning schedule (a small constant learning rate in Renda et al.), steps from 0. */
    FINE_TUNE
}
