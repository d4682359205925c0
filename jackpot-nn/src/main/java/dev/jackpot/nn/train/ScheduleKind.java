package dev.jackpot.nn.train;

/** Learning-rate schedules, each optionally preceded by a linear warm-up (see {@link LrSchedule}). */
public enum ScheduleKind {
    /** {@code lr(t) = lr}. */
    CONSTANT,
    /** {@code lr(t) = lr * gamma^(number of milestones <= t)} (OpenLTH, ResNet-20: 0.1 x 0.1 at 32K and 48K). */
    STEP,
    /** {@code lr(t) = lr * (1 + cos(pi t / T)) / 2} over the T steps of the run (Loshchilov and Hutter, ICLR 2017, one cycle). */
    COSINE
}
