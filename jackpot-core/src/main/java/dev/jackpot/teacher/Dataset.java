package dev.jackpot.teacher;

import dev.jackpot.check.Checks;
import dev.jackpot.mask.SupportMask;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;

/**
 * N samples of the teacher, stored feature-major: {@code row(i)} is the contiguous vector
 * (x_1[i], ..., x_N[i]) of input feature i over all samples. With this layout the masked forward
 * pass is r_j contiguous axpys per neuron, which the JIT vectorises.
 *
 * <p>Feature i is drawn from its own stream {@code Seeds.derive(seed, "x", i)}, so rows are
 * materialised lazily: only the inputs some support uses are ever generated, and generating a row
 * late gives exactly the values it would have had if generated first. A row outside every support
 * never influences a masked network, so with r much smaller than d this saves most of the work.
 *
 * <p>Targets: {@code clean[n] = g(x_n; W*)}; for regression {@code y = clean + xi} with xi ~ N(0,
 * (noise E_y)^2), E_y = RMS(clean); for binary classification y ~ Bernoulli(clip(clean, 0, 1)).
 */
public final class Dataset {

    private final long seed;
    private final int samples;
    private final double[][] rows;
    private final double[] y;
    private final double[] clean;

    private Dataset(long seed, int samples, int inputs) {
        this.seed = seed;
        this.samples = samples;
        this.rows = new double[inputs][];
        this.y = new double[samples];
        this.clean = new double[samples];
    }

    /**
     * Draws {@code samples} labelled samples of the teacher.
     *
     * @param teacher the oracle
     * @param samples N, positive
     * @param seed    the seed of this data set (derive it by name, e.g. "data" or "test")
     * @param noisy   whether to add the spec's label noise (regression) or draw labels (binary);
     *                if false, y equals the noiseless output
     * @return the data set, with the rows of the teacher's support materialised
     */
    public static Dataset draw(Teacher teacher, int samples, long seed, boolean noisy) {
        Checks.positive("N", samples);
        TeacherSpec spec = teacher.spec();
        Dataset data = new Dataset(seed, samples, spec.d());
        data.materialise(teacher.mask());
        Forward.output(teacher.weightsView(), teacher.mask().supportsView(), data.rows, 0, samples, data.clean);
        System.arraycopy(data.clean, 0, data.y, 0, samples);
        if (noisy && spec.task() == Task.REGRESSION && spec.noise() > 0) {
            double sigma = spec.noise() * rms(data.clean);
            Rng noise = Seeds.stream(seed, "noise");
            for (int n = 0; n < samples; n++) {
                data.y[n] += sigma * noise.nextGaussian();
            }
        } else if (noisy && spec.task() == Task.BINARY) {
            Rng labels = Seeds.stream(seed, "labels");
            for (int n = 0; n < samples; n++) {
                double p = Math.min(1.0, Math.max(0.0, data.clean[n]));
                data.y[n] = labels.nextDouble() < p ? 1.0 : 0.0;
            }
        }
        return data;
    }

    static double rms(double[] v) {
        double s = 0;
        for (double t : v) {
            s += t * t;
        }
        return Math.sqrt(s / v.length);
    }

    /**
     * Generates the rows of every input some neuron of {@code mask} keeps (idempotent).
     *
     * @param mask a mask over the same d inputs
     */
    public synchronized void materialise(SupportMask mask) {
        if (mask.inputs() != rows.length) {
            throw new IllegalArgumentException("mask has d = " + mask.inputs() + " but the data has d = " + rows.length);
        }
        for (int[] support : mask.supportsView()) {
            for (int i : support) {
                materialise(i);
            }
        }
    }

    /** Generates every row. */
    public synchronized void materialiseAll() {
        for (int i = 0; i < rows.length; i++) {
            materialise(i);
        }
    }

    private void materialise(int i) {
        if (rows[i] == null) {
            double[] row = new double[samples];
            Seeds.stream(seed, "x", i).fillGaussian(row);
            rows[i] = row;
        }
    }

    /** @return N */
    public int samples() {
        return samples;
    }

    /** @return d */
    public int inputs() {
        return rows.length;
    }

    /**
     * Read-only feature-major view for kernels; rows not yet materialised are null.
     *
     * @return the d rows of length N
     */
    public double[][] rowsView() {
        return rows;
    }

    /**
     * @param i an input feature that has been materialised
     * @return a copy of its row of N values
     */
    public double[] row(int i) {
        double[] r = rows[i];
        if (r == null) {
            throw new IllegalStateException("feature " + i + " has not been materialised");
        }
        return r.clone();
    }

    /** @return the targets the learner sees (read-only view) */
    public double[] targetsView() {
        return y;
    }

    /** @return the noiseless outputs g(x_n; W*) (read-only view) */
    public double[] cleanView() {
        return clean;
    }

    /** @return E_y, the RMS of the noiseless outputs */
    public double outputScale() {
        return rms(clean);
    }
}
