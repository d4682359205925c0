package dev.jackpot.teacher;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraspVariantTest {

    @Test
    void theReferenceVariantIsTheTrialsOwnGraspMask() {
        for (long seed = 1; seed <= 3; seed++) {
            TeacherTrialSpec spec = TeacherTrialSpec.defaults(5, 100, 200, 20, seed)
                    .withMask(MaskSpec.pruned(MaskSource.GRASP, 0.7)).withInit(InitSpec.lambda(0.2)).withTestSamples(100);
            TeacherTrialResult r = TeacherTrial.run(spec, NeuronParallel.sequential(), TrialListener.NONE);
            assertEquals(r.maskAccuracy(), GraspVariant.REFERENCE.maskAccuracy(spec.teacher(), 200, 0.7, spec.agd(), seed),
                    0.0, "seed " + seed);
        }
    }

    @Test
    void theGraspAbsMaskSourceIsTheLargestMagnitudeVariant() {
        GraspVariant abs = new GraspVariant("abs", "lambda", 0.2, 20, 0, false, "magnitude-of-s");
        for (long seed = 1; seed <= 2; seed++) {
            TeacherTrialSpec spec = TeacherTrialSpec.defaults(5, 100, 200, 20, seed)
                    .withMask(MaskSpec.pruned(MaskSource.GRASP_ABS, 0.6)).withInit(InitSpec.lambda(0.2))
                    .withTestSamples(100);
            TeacherTrialResult r = TeacherTrial.run(spec, NeuronParallel.sequential(), TrialListener.NONE);
            assertEquals(abs.maskAccuracy(spec.teacher(), 200, 0.6, spec.agd(), seed), r.maskAccuracy(), 0.0);
            assertTrue(r.maskAccuracy() > 0.7, "seed " + seed + ": " + r.maskAccuracy());
        }
    }

    @Test
    void variantsChangeOnlyTheirChoiceAndAreValidated() {
        TeacherTrialSpec spec = TeacherTrialSpec.defaults(5, 100, 200, 20, 1);
        GraspVariant perNeuron = new GraspVariant("p", "lambda", 0.2, 20, 0, true, "remove-largest");
        double a = perNeuron.maskAccuracy(spec.teacher(), 200, 0.5, spec.agd(), 4);
        assertTrue(a >= 0 && a <= 1);
        // keeping the largest |S| on a near-W* start finds most of the oracle's weights
        GraspVariant abs = new GraspVariant("abs", "lambda", 0.2, 20, 0, false, "magnitude-of-s");
        double sum = 0;
        for (long seed = 1; seed <= 4; seed++) {
            sum += abs.maskAccuracy(spec.teacher(), 200, 0.5, spec.agd(), seed);
        }
        assertTrue(sum / 4 > 0.8, "largest |S| mean accuracy " + sum / 4);
        assertThrows(IllegalArgumentException.class, () -> new GraspVariant("x", "zero", 0, 20, 0, false, "remove-largest"));
        assertThrows(IllegalArgumentException.class, () -> new GraspVariant("x", "lambda", 0.2, 20, 0, false, "keep-all"));
        assertThrows(IllegalArgumentException.class, () -> new GraspVariant("x", "lambda", -1, 20, 0, false, "remove-largest"));
    }
}
