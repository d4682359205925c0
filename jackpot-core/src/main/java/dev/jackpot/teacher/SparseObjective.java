package dev.jackpot.teacher;

import dev.jackpot.mask.SupportMask;

import java.util.Objects;

/**
 * The masked empirical risk computed on supports only: forward and gradient cost
 * O(N sum_j r_j), not O(N d K). Neurons are processed by a {@link NeuronParallel} runner; every
 * neuron's work is independent and outputs are summed in neuron order, so the result is
 * bit-identical for any thread count.
 *
 * <p>Three kernel sets. {@link Kernels#SAMPLE_MAJOR} computes the forward pass of neurons with
 * nearly equal supports in pairs ({@link NeuronPairing}) and the gradient X_{S_j}^T g on a
 * per-neuron sample-major copy of the support rows (vectorised axpys of length r_j that skip
 * inactive samples, {@link SampleMajorRows}); {@link Kernels#FEATURE_MAJOR} uses only the shared
 * feature-major rows, one neuron at a time, with r_j dot products for the gradient. These two are
 * bit-identical to each other and to {@link DenseObjective}. {@link Kernels#PATTERNS} has the same
 * forward pass as SAMPLE_MAJOR and computes the gradients of all neurons together, grouping the
 * samples by activation pattern ({@link PatternGradient}): less work when the supports overlap
 * heavily, in another summation order (equal to rounding, not bit for bit).
 *
 * <p>The default constructor chooses from N and the supports alone, never from the thread count,
 * so a given problem always runs the same arithmetic: PATTERNS where sample-major kernels apply
 * and {@link PatternGradient#worthwhile} holds, else SAMPLE_MAJOR up to
 * {@link #SAMPLE_MAJOR_MAX_SAMPLES} samples, else FEATURE_MAJOR.
 */
public final class SparseObjective implements Objective {

    /** Which kernels compute the risk and its gradient. */
    public enum Kernels {
        /**
         * Feature-major rows only: the forward pass neuron by neuron, the gradient as r_j dot products
         * of length N (not vectorised by the JIT); no extra memory. The benchmark's baseline.
         */
        FEATURE_MAJOR,
        /**
         * Paired forward pass over shared rows and the gradient as axpys of length r_j on a per-neuron
         * sample-major copy (N sum_j r_j extra doubles), skipping inactive samples.
         */
        SAMPLE_MAJOR,
        /**
         * The SAMPLE_MAJOR forward pass; the gradients of all K &lt;= {@value PatternGradient#MAX_NEURONS}
         * neurons from one sample-major copy of the union of the supports (N |F| doubles), summed once
         * per activation pattern. Equal to the other kernels to rounding (another summation order).
         */
        PATTERNS
    }

    /**
     * Largest sample-major copy (in doubles, N sum_j r_j) the default constructor makes: 8 Mi
     * doubles = 64 MiB; beyond it the objective uses the feature-major kernels.
     */
    public static final long SAMPLE_MAJOR_LIMIT = 1L << 23;

    /**
     * Most samples for which the default constructor chooses the sample-major kernels. Measured with
     * {@code jackpot bench teacher} (per-iteration time, feature-major / sample-major): 1.2-2.3x faster
     * for K = 5, d = 100, N = 400-3000, r = 10-100 (the Figure 4 grid has N &lt;= 600) and 1.3-1.4x for
     * K = 10, d = 300, N = 2000, r = 20-50, but 0.5-0.7x for K = 10, d = 300, N = 3000-5000, r = 20-60.
     */
    public static final int SAMPLE_MAJOR_MAX_SAMPLES = 2048;

    private final Dataset data;
    private final SupportMask mask;
    private final Task task;
    private final NeuronParallel parallel;
    private final double[][] rows;
    private final int[][] supports;
    private final double[][] z;
    private final double[][] gated;
    private final double[] out;
    private final double[] slope;
    private final SampleMajorRows[] sampleMajor;
    private final NeuronPairing pairing;
    private final double[][] compact;
    private final PatternGradient patterns;

    /**
     * A sparse objective with the sample-major kernels when N is at most
     * {@link #SAMPLE_MAJOR_MAX_SAMPLES} and their copy of the data at most {@link #SAMPLE_MAJOR_LIMIT}
     * doubles, the feature-major kernels otherwise (the results are the same).
     *
     * @param data     the training data; the rows of the mask's supports are materialised here
     * @param mask     the learner's mask M
     * @param task     which loss
     * @param parallel how neurons are spread over threads
     */
    public SparseObjective(Dataset data, SupportMask mask, Task task, NeuronParallel parallel) {
        this(data, mask, task, parallel, choose(data.samples(), mask));
    }

    /**
     * The kernels the default constructor uses for N samples and this mask (see the class comment).
     *
     * @param samples N
     * @param mask    the support mask
     * @return the kernel set
     */
    public static Kernels choose(int samples, SupportMask mask) {
        if (samples > SAMPLE_MAJOR_MAX_SAMPLES || (long) samples * mask.nonzeros() > SAMPLE_MAJOR_LIMIT) {
            return Kernels.FEATURE_MAJOR;
        }
        return PatternGradient.worthwhile(mask.supportsView(), samples) ? Kernels.PATTERNS : Kernels.SAMPLE_MAJOR;
    }

    /**
     * @param data     the training data; the rows of the mask's supports are materialised here
     * @param mask     the learner's mask M
     * @param task     which loss
     * @param parallel how neurons are spread over threads
     * @param kernels  which kernels (never changes a result)
     */
    public SparseObjective(Dataset data, SupportMask mask, Task task, NeuronParallel parallel, Kernels kernels) {
        this.data = Objects.requireNonNull(data, "data");
        this.mask = Objects.requireNonNull(mask, "mask");
        this.task = Objects.requireNonNull(task, "task");
        this.parallel = Objects.requireNonNull(parallel, "parallel");
        data.materialise(mask);
        this.rows = data.rowsView();
        this.supports = mask.supportsView();
        int n = data.samples();
        this.z = new double[mask.neurons()][n];
        this.gated = new double[mask.neurons()][n];
        this.out = new double[n];
        this.slope = new double[n];
        Objects.requireNonNull(kernels, "kernels");
        this.patterns = kernels == Kernels.PATTERNS ? new PatternGradient(supports, rows, n) : null;
        if (kernels == Kernels.PATTERNS) {
            this.pairing = new NeuronPairing(supports);
            this.sampleMajor = null;
            this.compact = new double[mask.neurons()][];
            for (int j = 0; j < compact.length; j++) {
                compact[j] = new double[supports[j].length];
            }
        } else if (kernels == Kernels.SAMPLE_MAJOR) {
            this.pairing = new NeuronPairing(supports);
            int k = mask.neurons();
            this.sampleMajor = new SampleMajorRows[k];
            this.compact = new double[k][];
            parallel.forEachNeuron(k, j -> {
                sampleMajor[j] = new SampleMajorRows(supports[j], rows, n);
                compact[j] = new double[supports[j].length];
            });
        } else {
            this.pairing = null;
            this.sampleMajor = null;
            this.compact = null;
        }
    }

    /** @return which kernels this objective uses */
    public Kernels kernels() {
        return patterns != null ? Kernels.PATTERNS : sampleMajor == null ? Kernels.FEATURE_MAJOR : Kernels.SAMPLE_MAJOR;
    }

    @Override
    public SupportMask mask() {
        return mask;
    }

    @Override
    public int samples() {
        return data.samples();
    }

    @Override
    public double evaluate(double[][] w, int lo, int hi, double[][] grad) {
        int k = supports.length;
        if (pairing != null) {
            pairing.preactivations(w, supports, rows, lo, hi, z, parallel);
        } else {
            parallel.forEachNeuron(k, j -> Forward.preactivation(w[j], supports[j], rows, lo, hi, z[j]));
        }
        sumOutputs(lo, hi);
        double loss = Losses.lossAndSlope(task, out, data.targetsView(), lo, hi, slope);
        if (grad != null) {
            backward(slope, lo, hi, grad);
        }
        return loss;
    }

    @Override
    public void hessianVector(double[][] w, double[][] v, double[][] result) {
        int n = data.samples();
        int k = supports.length;
        // z_j = w_j . x_n and, in gated[j], the directional pre-activation v_j . x_n.
        parallel.forEachNeuron(k, j -> {
            Forward.preactivation(w[j], supports[j], rows, 0, n, z[j]);
            Forward.preactivation(v[j], supports[j], rows, 0, n, gated[j]);
        });
        sumOutputs(0, n);
        double[] c = new double[n];
        Losses.curvature(task, out, data.targetsView(), c);
        double[] q = new double[n];
        double invK = 1.0 / k;
        double[] gatedU = new double[n];
        for (int j = 0; j < k; j++) {
            Forward.gate(z[j], gated[j], gatedU, 0, n);
            for (int s = 0; s < n; s++) {
                q[s] += gatedU[s];
            }
        }
        for (int s = 0; s < n; s++) {
            q[s] *= invK * c[s];
        }
        backward(q, 0, n, result);
    }

    private void sumOutputs(int lo, int hi) {
        java.util.Arrays.fill(out, lo, hi, 0.0);
        for (double[] zj : z) {
            Forward.addRelu(zj, out, lo, hi);
        }
        double invK = 1.0 / z.length;
        for (int n = lo; n < hi; n++) {
            out[n] *= invK;
        }
    }

    /** grad_j[i] = (1/K) sum_n s[n] relu'(z_j[n]) x_i[n] for i in S_j. */
    private void backward(double[] s, int lo, int hi, double[][] grad) {
        double invK = 1.0 / supports.length;
        if (patterns != null) {
            patterns.gradients(z, s, lo, hi, invK, compact);
            for (int j = 0; j < supports.length; j++) {
                int[] support = supports[j];
                double[] c = compact[j];
                double[] row = grad[j];
                for (int p = 0; p < support.length; p++) {
                    row[support[p]] = c[p];
                }
            }
            return;
        }
        parallel.forEachNeuron(supports.length, j -> {
            double[] gj = gated[j];
            Forward.gate(z[j], s, gj, lo, hi);
            double[] row = grad[j];
            int[] support = supports[j];
            if (sampleMajor != null) {
                double[] c = compact[j];
                sampleMajor[j].transposeTimes(gj, lo, hi, c);
                for (int p = 0; p < support.length; p++) {
                    row[support[p]] = invK * c[p];
                }
            } else {
                for (int i : support) {
                    row[i] = invK * Forward.dot(rows[i], gj, lo, hi);
                }
            }
        });
    }
}
