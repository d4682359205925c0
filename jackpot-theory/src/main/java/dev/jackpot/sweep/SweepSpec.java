package dev.jackpot.sweep;

import dev.jackpot.teacher.TeacherTrialSpec;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A sweep: a base trial spec, axes whose cartesian product gives the cells (first axis slowest),
 * and {@code trials} independent trials per cell. Trial t of cell c gets the seed
 * {@code Seeds.derive(seed, "trial", c, t)}, so every trial draws its own teacher, data and W(0),
 * and results do not depend on the order or the number of threads that run them.
 *
 * @param seed      root seed of the sweep (the base spec's own seed is replaced per trial)
 * @param base      the trial every cell starts from
 * @param axes      the swept fields, at least one
 * @param trials    trials per cell, positive
 * @param procedure what each trial does
 * @param imp       settings of the IMP procedure (ignored by the others)
 */
public record SweepSpec(long seed, TeacherTrialSpec base, List<Axis> axes, int trials, Procedure procedure,
                        ImpSpec imp) {

    /**
     * Validates the sweep.
     *
     * @throws IllegalArgumentException naming the field and value when something is out of range
     */
    public SweepSpec {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(axes, "axes");
        Objects.requireNonNull(procedure, "procedure");
        Objects.requireNonNull(imp, "imp");
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one axis, got none");
        }
        Set<String> names = new HashSet<>();
        for (Axis a : axes) {
            if (!names.add(a.name())) {
                throw new IllegalArgumentException("axis '" + a.name() + "' appears twice");
            }
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be positive, got " + trials);
        }
        axes = List.copyOf(axes);
        long cells = 1;
        for (Axis a : axes) {
            cells *= a.values().size();
        }
        if (cells * trials > 50_000_000L) {
            throw new IllegalArgumentException("the sweep has " + cells + " cells x " + trials
                    + " trials, more than 50 million");
        }
    }

    /**
     * @param base   base trial
     * @param trials trials per cell
     * @param axes   axes
     * @return a TRIAL sweep with root seed 1
     */
    public static SweepSpec of(TeacherTrialSpec base, int trials, Axis... axes) {
        return new SweepSpec(1, base, List.of(axes), trials, Procedure.TRIAL, ImpSpec.DEFAULT);
    }

    /** @return the number of cells, the product of the axis lengths */
    public int cells() {
        int cells = 1;
        for (Axis a : axes) {
            cells *= a.values().size();
        }
        return cells;
    }

    /**
     * @param value the procedure
     * @return a copy with {@code procedure} replaced
     */
    public SweepSpec withProcedure(Procedure value) {
        return new SweepSpec(seed, base, axes, trials, value, imp);
    }

    /**
     * @param value trials per cell
     * @return a copy with {@code trials} replaced
     */
    public SweepSpec withTrials(int value) {
        return new SweepSpec(seed, base, axes, value, procedure, imp);
    }

    /**
     * @param value root seed
     * @return a copy with {@code seed} replaced
     */
    public SweepSpec withSeed(long value) {
        return new SweepSpec(value, base, axes, trials, procedure, imp);
    }

    /**
     * @param value IMP settings
     * @return a copy with {@code imp} replaced
     */
    public SweepSpec withImp(ImpSpec value) {
        return new SweepSpec(seed, base, axes, trials, procedure, value);
    }
}
