package dev.jackpot.teacher;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;

/** Small shared fixtures for teacher tests. */
final class Fixtures {

    static final long SEED = 20211012L;

    private Fixtures() {
    }

    static Teacher teacher(TeacherSpec spec, long seed) {
        return Teacher.draw(spec, Seeds.stream(seed, "teacher"));
    }

    static Dataset data(Teacher teacher, int n, long seed) {
        return Dataset.draw(teacher, n, Seeds.derive(seed, "data"), true);
    }

    /** Random weights on the mask with entries in [-1, 1]. */
    static double[][] randomOnMask(dev.jackpot.mask.SupportMask mask, Rng rng) {
        double[][] w = new double[mask.neurons()][mask.inputs()];
        for (int j = 0; j < mask.neurons(); j++) {
            for (int i : mask.support(j)) {
                w[j][i] = rng.uniform(-1, 1);
            }
        }
        return w;
    }
}
