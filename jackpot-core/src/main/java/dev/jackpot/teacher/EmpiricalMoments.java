package dev.jackpot.teacher;

/**
 * Sample moments on the support union Omega (see {@link MomentSource}), for samples (x_n, y_n),
 * n = 1..N:
 *
 * <pre>
 *   M1 = (1/N) sum_n y_n x_n
 *   P2 = (1/N) sum_n y_n (x_n x_n^T - I)
 *   R3 = (1/N) sum_n y_n [ s z^{(x)3} - s (z (x)~ I_K) - (z(x)z(x)a + z(x)a(x)z + a(x)z(x)z) ] + ybar (a (x)~ I_K)
 *        with z = V^T x_n, a = V^T alpha, s = alpha . x_n,
 *        v (x)~ I = sum_q (v(x)e_q(x)e_q + e_q(x)v(x)e_q + e_q(x)e_q(x)v)
 * </pre>
 *
 * R3 is the empirical M4(V, V, V, alpha) with M4 = E[y (x^{(x)4} - (x(x)x) (x)~ I + I (x)~ I)]
 * (Zhong et al. 2017), and the full projection is
 *
 * <pre>
 *   M4(V, V, V, V) = (1/N) sum_n y_n z^{(x)4} - (S (x) I_K in its 6 placements) + ybar (I_K (x)~ I_K),
 *   S = (1/N) sum_n y_n z z^T,  (I (x)~ I)_{abcd} = d_ab d_cd + d_ac d_bd + d_ad d_bc;
 * </pre>
 *
 * both use V^T V = I_K. The data are feature-major, so every pass
 * walks the samples in blocks of {@value #BLOCK}, copying the p rows of a block into a small
 * sample-contiguous buffer so that the p^2/2 (or K^3/6) inner products stay in cache. Cost:
 * N p^2 / 2 multiply-adds for P2, N (p K + K^3/6) for R3, N (p K + K^4/24) for M4(V,V,V,V). Summation order is fixed, so the
 * results are bit-reproducible.
 */
final class EmpiricalMoments implements MomentSource {

    private static final int BLOCK = 512;

    private final double[][] x;
    private final double[] y;
    private final int n;
    private final double yMean;
    private final double[] m1;
    private final double[][] p2;

    /**
     * @param data  the samples; the rows of omega must be materialised
     * @param omega the sorted support union
     */
    EmpiricalMoments(Dataset data, int[] omega) {
        double[][] rows = data.rowsView();
        this.x = new double[omega.length][];
        for (int i = 0; i < omega.length; i++) {
            x[i] = rows[omega[i]];
            if (x[i] == null) {
                throw new IllegalStateException("feature " + omega[i] + " has not been materialised");
            }
        }
        this.y = data.targetsView();
        this.n = data.samples();
        double s = 0;
        for (int t = 0; t < n; t++) {
            s += y[t];
        }
        this.yMean = s / n;
        this.m1 = new double[omega.length];
        this.p2 = new double[omega.length][omega.length];
        secondOrder();
    }

    private void secondOrder() {
        int p = x.length;
        double[][] xb = new double[p][BLOCK];
        double[][] yxb = new double[p][BLOCK];
        for (int lo = 0; lo < n; lo += BLOCK) {
            int len = Math.min(BLOCK, n - lo);
            for (int i = 0; i < p; i++) {
                double[] src = x[i];
                double[] xi = xb[i];
                double[] yxi = yxb[i];
                double sum = 0;
                for (int t = 0; t < len; t++) {
                    double v = src[lo + t];
                    xi[t] = v;
                    double w = y[lo + t] * v;
                    yxi[t] = w;
                    sum += w;
                }
                m1[i] += sum;
            }
            for (int i = 0; i < p; i++) {
                double[] yxi = yxb[i];
                double[] row = p2[i];
                for (int j = i; j < p; j++) {
                    row[j] += Forward.dot(yxi, xb[j], 0, len);
                }
            }
        }
        for (int i = 0; i < p; i++) {
            m1[i] /= n;
            for (int j = i; j < p; j++) {
                double v = p2[i][j] / n - (i == j ? yMean : 0.0);
                p2[i][j] = v;
                p2[j][i] = v;
            }
        }
    }

    @Override
    public int dimension() {
        return x.length;
    }

    @Override
    public double mean() {
        return yMean;
    }

    @Override
    public double[][][][] m4(double[][] v) {
        int p = x.length;
        int k = v[0].length;
        int pairs = k * (k + 1) / 2;
        int[] pa = new int[pairs];
        int[] pb = new int[pairs];
        int[][] pairIndex = new int[k][k];
        for (int a = 0, q = 0; a < k; a++) {
            for (int b = a; b < k; b++, q++) {
                pa[q] = a;
                pb[q] = b;
                pairIndex[a][b] = q;
                pairIndex[b][a] = q;
            }
        }
        // acc[q1][q2] (q1 <= q2 as pairs with b1 <= a2) = sum y z_a1 z_b1 z_a2 z_b2; yzz[q] = sum y z_a z_b.
        double[][] acc = new double[pairs][pairs];
        double[] yzz = new double[pairs];
        double[][] zb = new double[k][BLOCK];
        double[][] zz = new double[pairs][BLOCK];
        double[] q = new double[BLOCK];
        for (int lo = 0; lo < n; lo += BLOCK) {
            int len = Math.min(BLOCK, n - lo);
            projectBlock(v, lo, len, zb);
            for (int r = 0; r < pairs; r++) {
                double[] za = zb[pa[r]];
                double[] zc = zb[pb[r]];
                double[] out = zz[r];
                for (int t = 0; t < len; t++) {
                    out[t] = za[t] * zc[t];
                }
            }
            for (int r = 0; r < pairs; r++) {
                double[] zr = zz[r];
                double sum = 0;
                for (int t = 0; t < len; t++) {
                    double w = y[lo + t] * zr[t];
                    q[t] = w;
                    sum += w;
                }
                yzz[r] += sum;
                for (int u = r; u < pairs; u++) {
                    if (pa[u] >= pb[r]) {
                        acc[r][u] += Forward.dot(q, zz[u], 0, len);
                    }
                }
            }
        }
        for (int r = 0; r < pairs; r++) {
            yzz[r] /= n;
        }
        double[][][][] m = new double[k][k][k][k];
        int[] idx = new int[4];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int l = 0; l < k; l++) {
                    for (int o = 0; o < k; o++) {
                        idx[0] = i;
                        idx[1] = j;
                        idx[2] = l;
                        idx[3] = o;
                        java.util.Arrays.sort(idx);
                        double val = acc[pairIndex[idx[0]][idx[1]]][pairIndex[idx[2]][idx[3]]] / n;
                        // -((S (x) I) in its 6 placements), S = E[y z z^T]
                        val -= (j == o ? yzz[pairIndex[i][l]] : 0) + (j == l ? yzz[pairIndex[i][o]] : 0)
                                + (l == o ? yzz[pairIndex[i][j]] : 0) + (i == o ? yzz[pairIndex[j][l]] : 0)
                                + (i == l ? yzz[pairIndex[j][o]] : 0) + (i == j ? yzz[pairIndex[l][o]] : 0);
                        // + ybar (I (x)~ I)
                        val += yMean * ((i == j && l == o ? 1 : 0) + (i == l && j == o ? 1 : 0) + (i == o && j == l ? 1 : 0));
                        m[i][j][l][o] = val;
                    }
                }
            }
        }
        return m;
    }

    /** zb[a][t] = (V^T x_{lo + t})_a for t < len. */
    private void projectBlock(double[][] v, int lo, int len, double[][] zb) {
        int k = zb.length;
        for (int a = 0; a < k; a++) {
            java.util.Arrays.fill(zb[a], 0, len, 0.0);
        }
        for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            double[] vi = v[i];
            for (int a = 0; a < k; a++) {
                double c = vi[a];
                double[] za = zb[a];
                for (int t = 0; t < len; t++) {
                    za[t] += c * xi[lo + t];
                }
            }
        }
    }

    @Override
    public double[] m1() {
        return m1.clone();
    }

    @Override
    public double[][] p2() {
        double[][] c = new double[p2.length][];
        for (int i = 0; i < p2.length; i++) {
            c[i] = p2[i].clone();
        }
        return c;
    }

    @Override
    public double[][][] r3(double[][] v, double[] alpha) {
        int p = x.length;
        int k = v[0].length;
        // Accumulators: t1[a][b][c] (a <= b <= c) = sum y s z_a z_b z_c, ysz[a] = sum y s z_a,
        // yzz[a][b] (a <= b) = sum y z_a z_b.
        double[][][] t1 = new double[k][k][k];
        double[] ysz = new double[k];
        double[][] yzz = new double[k][k];
        double[][] zb = new double[k][BLOCK];
        double[] sb = new double[BLOCK];
        double[] ys = new double[BLOCK];
        double[] yb = new double[BLOCK];
        double[] q = new double[BLOCK];
        double[] qy = new double[BLOCK];
        for (int lo = 0; lo < n; lo += BLOCK) {
            int len = Math.min(BLOCK, n - lo);
            projectBlock(v, lo, len, zb);
            java.util.Arrays.fill(sb, 0, len, 0.0);
            for (int i = 0; i < p; i++) {
                double[] xi = x[i];
                double ai = alpha[i];
                for (int t = 0; t < len; t++) {
                    sb[t] += ai * xi[lo + t];
                }
            }
            for (int t = 0; t < len; t++) {
                yb[t] = y[lo + t];
                ys[t] = yb[t] * sb[t];
            }
            for (int a = 0; a < k; a++) {
                double[] za = zb[a];
                ysz[a] += Forward.dot(ys, za, 0, len);
                for (int b = a; b < k; b++) {
                    double[] zbb = zb[b];
                    for (int t = 0; t < len; t++) {
                        double zz = za[t] * zbb[t];
                        q[t] = ys[t] * zz;
                        qy[t] = yb[t] * zz;
                    }
                    double sumY = 0;
                    for (int t = 0; t < len; t++) {
                        sumY += qy[t];
                    }
                    yzz[a][b] += sumY;
                    for (int c = b; c < k; c++) {
                        t1[a][b][c] += Forward.dot(q, zb[c], 0, len);
                    }
                }
            }
        }
        double[] a = new double[k];
        for (int i = 0; i < p; i++) {
            for (int c = 0; c < k; c++) {
                a[c] += v[i][c] * alpha[i];
            }
        }
        // Means; g = E[y s z] - ybar a is the vector in the two (v (x)~ I) terms.
        double[] g = new double[k];
        for (int c = 0; c < k; c++) {
            g[c] = ysz[c] / n - yMean * a[c];
        }
        double[][] s = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                s[i][j] = yzz[i][j] / n;
                s[j][i] = s[i][j];
            }
        }
        double[][][] r = new double[k][k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int l = 0; l < k; l++) {
                    int lo = Math.min(i, Math.min(j, l));
                    int hi = Math.max(i, Math.max(j, l));
                    int mid = i + j + l - lo - hi;
                    double val = t1[lo][mid][hi] / n;
                    // -(g (x)~ I)_{ijl} = -(g_i d_jl + g_j d_il + g_l d_ij)
                    if (j == l) {
                        val -= g[i];
                    }
                    if (i == l) {
                        val -= g[j];
                    }
                    if (i == j) {
                        val -= g[l];
                    }
                    // -(S (x) a in the three placements), S = E[y z z^T]
                    val -= s[i][j] * a[l] + s[i][l] * a[j] + s[j][l] * a[i];
                    r[i][j][l] = val;
                }
            }
        }
        return r;
    }
}
