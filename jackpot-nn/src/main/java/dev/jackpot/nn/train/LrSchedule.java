package dev.jackpot.nn.train;

/**
 * The learning rate at step t (counted from 0) of a run of T steps:
 * {@code lr(t) = lr * w(t) * s(t)}, with the warm-up factor {@code w(t) = min(1, (t + 1) / W)}
 * ({@code w = 1} when W = 0) and {@code s} the schedule of {@link ScheduleKind}. A function of t
 * alone, so a run rewound to step k continues the schedule of the uninterrupted run ("fast-forwarded
 * to k", Frankle et al., ICML 2020).
 */
public final class LrSchedule {

    private final TrainSpec spec;
    private final long total;

    /**
     * @param spec  the training spec
     * @param total T, the run's total steps (the cosine period)
     */
    public LrSchedule(TrainSpec spec, long total) {
        this.spec = spec;
        this.total = total;
    }

    /**
     * @param step t, from 0
     * @return the learning rate of step t
     */
    public double at(long step) {
        double lr = spec.learningRate();
        if (spec.warmupSteps() > 0) {
            lr *= Math.min(1.0, (step + 1) / (double) spec.warmupSteps());
        }
        switch (spec.schedule()) {
            case CONSTANT -> {
            }
            case STEP -> {
                for (long m : spec.milestones()) {
                    if (step >= m) {
                        lr *= spec.gamma();
                    }
                }
            }
            case COSINE -> lr *= 0.5 * (1 + Math.cos(Math.PI * Math.min(step, total) / (double) total));
            default -> throw new IllegalStateException("unhandled schedule " + spec.schedule());
        }
        return lr;
    }
}
