package dev.jackpot.teacher;

/**
 * Exact population moments of a teacher on the support union Omega, in closed form (see
 * {@link MomentSource} for the formulas). Label noise has zero mean and is independent of x, so it
 * does not enter; for a binary teacher these are the moments of the unclipped regression output.
 */
final class PopulationMoments implements MomentSource {

    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private final int k;
    /** (w_j)_Omega, K x p. */
    private final double[][] restricted;
    /** ||w_j|| over all d inputs. */
    private final double[] norms;

    PopulationMoments(Teacher teacher, int[] omega) {
        double[][] w = teacher.weightsView();
        this.k = w.length;
        this.restricted = new double[k][omega.length];
        this.norms = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (double v : w[j]) {
                s += v * v;
            }
            norms[j] = Math.sqrt(s);
            for (int i = 0; i < omega.length; i++) {
                restricted[j][i] = w[j][omega[i]];
            }
        }
    }

    @Override
    public int dimension() {
        return restricted[0].length;
    }

    @Override
    public double mean() {
        double s = 0;
        for (double n : norms) {
            s += n;
        }
        return s * INV_SQRT_2PI / k;
    }

    @Override
    public double[][][][] m4(double[][] v) {
        int p = dimension();
        int kk = v[0].length;
        double[][][][] r = new double[kk][kk][kk][kk];
        for (int j = 0; j < k; j++) {
            if (norms[j] == 0) {
                continue;
            }
            double[] wj = restricted[j];
            double[] u = new double[kk];
            for (int i = 0; i < p; i++) {
                for (int c = 0; c < kk; c++) {
                    u[c] += v[i][c] * wj[i];
                }
            }
            double n = norms[j];
            // (1/K) m4(||w||) (V^T wbar)^{(x)4} = -(V^T w)^{(x)4} / (K sqrt(2 pi) ||w||^3)
            double coef = -INV_SQRT_2PI / (k * n * n * n);
            for (int a = 0; a < kk; a++) {
                for (int b = 0; b < kk; b++) {
                    for (int c = 0; c < kk; c++) {
                        double f = coef * u[a] * u[b] * u[c];
                        for (int d = 0; d < kk; d++) {
                            r[a][b][c][d] += f * u[d];
                        }
                    }
                }
            }
        }
        return r;
    }

    @Override
    public double[] m1() {
        int p = dimension();
        double[] m = new double[p];
        for (double[] wj : restricted) {
            for (int i = 0; i < p; i++) {
                m[i] += wj[i];
            }
        }
        for (int i = 0; i < p; i++) {
            m[i] /= 2.0 * k;
        }
        return m;
    }

    @Override
    public double[][] p2() {
        int p = dimension();
        double[][] m = new double[p][p];
        for (int j = 0; j < k; j++) {
            if (norms[j] == 0) {
                continue;
            }
            // (1/K)(||w|| / sqrt(2 pi)) wbar wbar^T = w w^T / (K sqrt(2 pi) ||w||)
            double c = INV_SQRT_2PI / (k * norms[j]);
            double[] wj = restricted[j];
            for (int a = 0; a < p; a++) {
                double f = c * wj[a];
                for (int b = 0; b < p; b++) {
                    m[a][b] += f * wj[b];
                }
            }
        }
        return m;
    }

    @Override
    public double[][][] r3(double[][] v, double[] alpha) {
        int p = dimension();
        int kk = v[0].length;
        double[][][] r = new double[kk][kk][kk];
        for (int j = 0; j < k; j++) {
            if (norms[j] == 0) {
                continue;
            }
            double[] wj = restricted[j];
            double[] u = new double[kk];
            double aw = 0;
            for (int i = 0; i < p; i++) {
                aw += alpha[i] * wj[i];
                for (int c = 0; c < kk; c++) {
                    u[c] += v[i][c] * wj[i];
                }
            }
            // (1/K) m4(||w||) (alpha . wbar) (V^T wbar)^{(x)3} with m4(s) = -s / sqrt(2 pi), wbar = w / ||w||.
            double n = norms[j];
            double coef = -INV_SQRT_2PI * aw / (k * n * n * n);
            for (int a = 0; a < kk; a++) {
                for (int b = 0; b < kk; b++) {
                    double f = coef * u[a] * u[b];
                    for (int c = 0; c < kk; c++) {
                        r[a][b][c] += f * u[c];
                    }
                }
            }
        }
        return r;
    }
}
