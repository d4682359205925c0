package dev.jackpot.teacher;

import dev.jackpot.mask.SupportMask;

import java.util.Objects;

/**
 * Reference implementation of the masked risk that ignores sparsity: it computes the full product
 * X W over all d inputs and the full d x K gradient, then multiplies the gradient by M.
 * Cost O(N d K) per evaluation. It exists as the oracle the sparse kernels are tested against and
 * as the baseline of {@code jackpot bench teacher}; solvers should use {@link SparseObjective}.
 */
public final class DenseObjective implements Objective {

    private final Dataset data;
    private final SupportMask mask;
    private final Task task;
    private final double[][] rows;
    private final boolean[][] keep;
    private final double[][] z;
    private final double[] out;
    private final double[] slope;
    private final double[][] gated;

    /**
     * @param data training data (every row is materialised)
     * @param mask the learner's mask
     * @param task which loss
     */
    public DenseObjective(Dataset data, SupportMask mask, Task task) {
        this.data = Objects.requireNonNull(data, "data");
        this.mask = Objects.requireNonNull(mask, "mask");
        this.task = Objects.requireNonNull(task, "task");
        data.materialiseAll();
        this.rows = data.rowsView();
        int k = mask.neurons();
        int d = mask.inputs();
        this.keep = new boolean[k][d];
        for (int j = 0; j < k; j++) {
            for (int i : mask.supportsView()[j]) {
                keep[j][i] = true;
            }
        }
        int n = data.samples();
        this.z = new double[k][n];
        this.out = new double[n];
        this.slope = new double[n];
        this.gated = new double[k][n];
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
        forward(w, lo, hi);
        double loss = Losses.lossAndSlope(task, out, data.targetsView(), lo, hi, slope);
        if (grad != null) {
            backward(slope, lo, hi, grad);
        }
        return loss;
    }

    @Override
    public void hessianVector(double[][] w, double[][] v, double[][] result) {
        int n = data.samples();
        int k = z.length;
        double[][] masked = new double[k][];
        for (int j = 0; j < k; j++) {
            masked[j] = v[j].clone();
            for (int i = 0; i < masked[j].length; i++) {
                if (!keep[j][i]) {
                    masked[j][i] = 0.0;
                }
            }
        }
        double[] q = new double[n];
        double[] u = new double[n];
        forward(w, 0, n);
        double[] gatedU = new double[n];
        for (int j = 0; j < k; j++) {
            denseProduct(masked[j], 0, n, u);
            Forward.gate(z[j], u, gatedU, 0, n);
            for (int s = 0; s < n; s++) {
                q[s] += gatedU[s];
            }
        }
        double[] c = new double[n];
        Losses.curvature(task, out, data.targetsView(), c);
        double invK = 1.0 / k;
        for (int s = 0; s < n; s++) {
            q[s] *= invK * c[s];
        }
        backward(q, 0, n, result);
    }

    private void forward(double[][] w, int lo, int hi) {
        int k = z.length;
        for (double[] zj : z) {
            java.util.Arrays.fill(zj, lo, hi, 0.0);
        }
        // Rows outer, neurons inner: each row of X is read from memory once per pass.
        for (int i = 0; i < rows.length; i++) {
            double[] x = rows[i];
            for (int j = 0; j < k; j++) {
                double a = w[j][i];
                double[] zj = z[j];
                for (int n = lo; n < hi; n++) {
                    zj[n] += a * x[n];
                }
            }
        }
        java.util.Arrays.fill(out, lo, hi, 0.0);
        for (double[] zj : z) {
            Forward.addRelu(zj, out, lo, hi);
        }
        double invK = 1.0 / k;
        for (int n = lo; n < hi; n++) {
            out[n] *= invK;
        }
    }

    /** u[n] = sum over all d inputs of w[i] x_i[n], zeros included. */
    private void denseProduct(double[] w, int lo, int hi, double[] u) {
        java.util.Arrays.fill(u, lo, hi, 0.0);
        for (int i = 0; i < rows.length; i++) {
            double a = w[i];
            double[] x = rows[i];
            for (int n = lo; n < hi; n++) {
                u[n] += a * x[n];
            }
        }
    }

    /** grad[j][i] = (1/K) sum_n s[n] relu'(z_j[n]) x_i[n] over all (i, j), zero outside the mask. */
    private void backward(double[] s, int lo, int hi, double[][] grad) {
        int k = z.length;
        double invK = 1.0 / k;
        for (int j = 0; j < k; j++) {
            Forward.gate(z[j], s, gated[j], lo, hi);
        }
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < k; j++) {
                double g = invK * Forward.dot(rows[i], gated[j], lo, hi);
                grad[j][i] = keep[j][i] ? g : 0.0;
            }
        }
    }
}
