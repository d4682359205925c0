package dev.jackpot.sweep;

import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.theory.TeacherRun;

import java.util.List;

/** Reads and writes sweep specs (YAML or JSON); fields left out take the defaults below. */
public final class SweepCodec {

    /**
     * Defaults: root seed 1, the default teacher trial as base, one trial per cell, TRIAL procedure,
     * 20 IMP rounds of 10%. The axes have no meaningful default: a file must give them.
     */
    public static final SpecCodec<SweepSpec> CODEC = new SpecCodec<>(SweepSpec.class,
            new SweepSpec(1, TeacherRun.CODEC.defaults(), List.of(Axis.of("n", 5000)), 1, Procedure.TRIAL,
                    ImpSpec.DEFAULT));

    private SweepCodec() {
    }
}
