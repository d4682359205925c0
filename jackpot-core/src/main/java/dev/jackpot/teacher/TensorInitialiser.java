package dev.jackpot.teacher;

import dev.jackpot.linalg.Hungarian;
import dev.jackpot.linalg.LinearSolver;
import dev.jackpot.linalg.SymmetricEigen;
import dev.jackpot.linalg.TensorPowerMethod;
import dev.jackpot.mask.SupportMask;
import dev.jackpot.rng.Rng;

import java.util.Objects;
import java.util.TreeSet;

/**
 * Tensor initialisation W(0) for the pruned teacher-student problem: the method of Zhong, Song,
 * Jain, Bartlett, Dhillon, "Recovery guarantees for one-hidden-layer neural networks" (ICML 2017),
 * run on the support union of the learner's mask, as Lemma 1 of Zhang, Wang, Liu, Chen, Xiong,
 * "Why lottery ticket wins?" (NeurIPS 2021) requires. Their appendix was not available; this is
 * our reconstruction (design note zhang2021.md, section 3.2).
 *
 * <p>Model: y = (1/K) sum_j relu(w_j . x) + noise, x ~ N(0, I_d), wbar_j = w_j / ||w_j||. With
 * Omega the union of the mask's supports (p = |Omega| inputs; every moment below is restricted to
 * Omega, see {@link MomentSource}):
 * <ol>
 *   <li>P2 = E[y (x x^T - I)] = sum_j c_j wbar_j wbar_j^T, c_j = ||w_j|| / (K sqrt(2 pi)): PSD of
 *       rank K. V (p x K) = eigenvectors of its K largest eigenvalues lambda_1..K. We rank by signed
 *       value, not by |value| as Zhong et al. do: for ReLU with positive output weights 1/K the
 *       population P2 is PSD, so a large negative sample eigenvalue is pure noise.</li>
 *   <li>Whitening Wh = diag(lambda^{-1/2}): the vectors o_j = sqrt(c_j) Wh V^T wbar_j are then
 *       orthonormal. Eigenvalues below {@value #CLAMP_RELATIVE} x lambda_1 (non-positive ones in
 *       particular) are raised to that floor and the result is flagged.</li>
 *   <li>For ReLU the third-order moment vanishes (m3 = gamma_3 - 3 gamma_1 = 0), so the
 *       fourth-order moment M4 = E[y (x^{(x)4} - (x(x)x) (x)~ I + I (x)~ I)] =
 *       sum_j (1/K) m4(||w_j||) wbar_j^{(x)4}, m4(s) = -s / sqrt(2 pi), is used. Its whitened
 *       projection is orthogonally decomposable. Two forms ({@link Contraction}):
 *       <ul>
 *         <li>{@code FOURTH_ORDER} (default): T4 = -M4(V Wh, V Wh, V Wh, V Wh) =
 *             sum_j nu_j o_j^{(x)4} with nu_j = K sqrt(2 pi) / ||w_j|| &gt; 0.</li>
 *         <li>{@code ALPHA_*}: Zhong's contraction with a random unit alpha, R3 =
 *             M4(V, V, V, alpha), T = R3(Wh, Wh, Wh) = sum_j mu_j o_j^{(x)3} with mu_j
 *             proportional to alpha . wbar_j.</li>
 *       </ul></li>
 *   <li>(eigenvalue, o_j) by the robust tensor power method with deflation
 *       ({@link TensorPowerMethod}, {@value #STARTS} starts x {@value #ITERATIONS} steps, then
 *       refinement).</li>
 *   <li>Directions: wbar_j proportional to V Wh^{-1} o_j, normalised.</li>
 *   <li>Signs (and, for {@link Magnitudes#M1_LEAST_SQUARES}, norms) from M1 = E[y x] =
 *       (1/(2K)) sum_j ||w_j|| wbar_j: z = argmin ||M1 - sum_j z_j wbar_j|| by the K x K normal
 *       equations. Zhong's RecMagSign with output weights known to be 1/K sets w_j = 2K z_j wbar_j;
 *       the default {@link Magnitudes#WHITENING} takes only sign(z_j) and the norm from step 2.</li>
 *   <li>Embed into d dimensions, assign estimate i to mask column j by a Hungarian match maximising
 *       the score ||(w_i) on supp(M_j)||^2 / ||w_i||^2, and project: W(0) = M . W.</li>
 * </ol>
 *
 * <p>Why the defaults differ from the literal recipe (measured, K = 5, d = 100, r = 20, 10 seeds,
 * see the report of {@code TensorInitialiserMeasurementTest}): the contraction with one alpha makes
 * mu_j proportional to alpha . wbar_j, so whichever neuron alpha happens to be nearly orthogonal to
 * is buried in the sampling noise, and M1 is a single vector whose coordinates in a slightly wrong
 * basis carry first-order errors of size sqrt(K) x (direction error). The full fourth-order tensor
 * has all nu_j of one sign and similar size, and the whitening norm ||w_j|| = K sqrt(2 pi)
 * ||Wh^{-1} o_j||^2 = K sqrt(2 pi) sum_c lambda_c o_jc^2 is second order in the direction error
 * because the lambda_c are similar. The whitening norms are finally rescaled by E[y] / sum_c
 * lambda_c, which is 1 in population (trace P2 = E[y] when every w_j lies in Omega) and removes the
 * upward bias that sampling noise gives the top-K eigenvalues. At n = 3e5 the mean relative error
 * over 10 teachers is 3.1 (median 0.86) with the literal recipe {@link Options#ZHONG}, 0.29 with
 * alpha in span(V) and whitening norms, and 0.074 (max 0.082) with {@link Options#DEFAULT}.
 *
 * <p>With population moments ({@link #fromPopulation}) every option recovers W* to working
 * precision when each w_j lies in Omega, the K rows are linearly independent and (alpha options
 * only) no alpha . wbar_j vanishes. If some w_j leaves Omega (an inaccurate mask), the M1 option
 * recovers the restriction (w_j)_Omega, while the whitening norm is
 * ||(w_j)_Omega||^2 / ||w_j|| before the E[y] rescaling.
 *
 * <p>Randomness (alpha if any, then the power-method starts) comes only from the given
 * {@link Rng}, and every reduction has a fixed order, so a seed gives bit-identical output. The
 * moments assume the regression model; for binary labels y estimates the clipped output, so the
 * result is biased.
 */
public final class TensorInitialiser {

    /** Power-method restarts per component. */
    public static final int STARTS = 20;
    /** Power steps per restart (refinement of the best start continues until it stops moving). */
    public static final int ITERATIONS = 30;
    /** Whitening floor relative to the largest eigenvalue of P2. */
    public static final double CLAMP_RELATIVE = 1e-9;
    /** Ridge added to the K x K Gram matrix of the unit directions in the M1 least squares. */
    static final double RIDGE = 1e-12;

    /** Which whitened fourth-order tensor is decomposed. */
    public enum Contraction {
        /** T4 = -M4(V Wh, V Wh, V Wh, V Wh), a K^4 tensor, fourth-order power method (default). */
        FOURTH_ORDER,
        /** R3 = M4(V, V, V, alpha), alpha = V g / ||g||, g ~ N(0, I_K): uniform on the sphere of span(V). */
        ALPHA_SUBSPACE,
        /** R3 = M4(V, V, V, alpha), alpha uniform on the unit sphere of R^p, as in Zhong et al. (2017). */
        ALPHA_SPHERE
    }

    /** Where the neuron norms come from (signs always come from the M1 least squares). */
    public enum Magnitudes {
        /** ||w_j|| = K sqrt(2 pi) ||Wh^{-1} o_j||^2, rescaled so that they sum to K sqrt(2 pi) E[y] (default). */
        WHITENING,
        /** Zhong's RecMagSign: w_j = 2K z_j wbar_j with z the M1 least-squares coefficients. */
        M1_LEAST_SQUARES
    }

    /**
     * Variant of the method.
     *
     * @param contraction which fourth-order tensor is decomposed
     * @param magnitudes  where the neuron norms come from
     */
    public record Options(Contraction contraction, Magnitudes magnitudes) {

        /** Full fourth-order tensor, whitening norms: the most accurate variant measured. */
        public static final Options DEFAULT = new Options(Contraction.FOURTH_ORDER, Magnitudes.WHITENING);
        /** The literal recipe of Zhong et al. (2017): alpha uniform on the sphere, norms from M1. */
        public static final Options ZHONG = new Options(Contraction.ALPHA_SPHERE, Magnitudes.M1_LEAST_SQUARES);

        /**
         * @param contraction which fourth-order tensor is decomposed
         * @param magnitudes  where the neuron norms come from
         * @throws NullPointerException if an argument is null
         */
        public Options {
            Objects.requireNonNull(contraction, "contraction");
            Objects.requireNonNull(magnitudes, "magnitudes");
        }
    }

    private TensorInitialiser() {
    }

    /**
     * Estimates W(0) (K x d, zero outside mask) from the samples of data (y = data.targetsView()).
     * Materialises the mask's rows. Uses {@link Options#DEFAULT}.
     *
     * @param data the training samples
     * @param mask the learner's mask M (K = its number of neurons)
     * @param rng  the "tensor" stream
     * @return W(0), the whitening eigenvalues and whether any was clamped
     * @throws IllegalArgumentException if the mask's d differs from the data's, or the support union
     *                                  has fewer than K inputs
     */
    public static TensorInitResult estimate(Dataset data, SupportMask mask, Rng rng) {
        return estimate(data, mask, rng, Options.DEFAULT);
    }

    /**
     * As {@link #estimate(Dataset, SupportMask, Rng)} with a chosen variant.
     *
     * @param data    the training samples
     * @param mask    the learner's mask
     * @param rng     the "tensor" stream
     * @param options the variant
     * @return the initialisation
     */
    public static TensorInitResult estimate(Dataset data, SupportMask mask, Rng rng, Options options) {
        Objects.requireNonNull(rng, "rng");
        Objects.requireNonNull(options, "options");
        if (mask.inputs() != data.inputs()) {
            throw new IllegalArgumentException("mask has d = " + mask.inputs() + " but the data has d = " + data.inputs());
        }
        int[] omega = supportUnion(mask);
        checkDimension(omega.length, mask.neurons());
        data.materialise(mask);
        return run(new EmpiricalMoments(data, omega), omega, mask, rng, options);
    }

    /**
     * Same pipeline on exact population moments of the teacher (for tests and for measuring the
     * estimation error separately from the algebra). Uses {@link Options#DEFAULT}.
     *
     * @param teacher the oracle (its K and d must equal the mask's)
     * @param mask    the learner's mask
     * @param rng     the "tensor" stream; the same seed gives the same random draws as
     *                {@link #estimate(Dataset, SupportMask, Rng)}
     * @return the initialisation
     * @throws IllegalArgumentException if the shapes disagree or the support union has fewer than K inputs
     */
    public static TensorInitResult fromPopulation(Teacher teacher, SupportMask mask, Rng rng) {
        return fromPopulation(teacher, mask, rng, Options.DEFAULT);
    }

    /**
     * As {@link #fromPopulation(Teacher, SupportMask, Rng)} with a chosen variant.
     *
     * @param teacher the oracle
     * @param mask    the learner's mask
     * @param rng     the "tensor" stream
     * @param options the variant
     * @return the initialisation
     */
    public static TensorInitResult fromPopulation(Teacher teacher, SupportMask mask, Rng rng, Options options) {
        Objects.requireNonNull(rng, "rng");
        Objects.requireNonNull(options, "options");
        if (mask.inputs() != teacher.spec().d() || mask.neurons() != teacher.spec().k()) {
            throw new IllegalArgumentException("mask is " + mask.neurons() + " x " + mask.inputs()
                    + " (K x d) but the teacher is " + teacher.spec().k() + " x " + teacher.spec().d());
        }
        int[] omega = supportUnion(mask);
        checkDimension(omega.length, mask.neurons());
        return run(new PopulationMoments(teacher, omega), omega, mask, rng, options);
    }

    /** The sorted union Omega of the mask's supports. */
    static int[] supportUnion(SupportMask mask) {
        TreeSet<Integer> union = new TreeSet<>();
        for (int[] s : mask.supportsView()) {
            for (int i : s) {
                union.add(i);
            }
        }
        return union.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void checkDimension(int p, int k) {
        if (p < k) {
            throw new IllegalArgumentException("the support union has " + p + " inputs, fewer than K = " + k
                    + "; the tensor method needs K independent directions");
        }
    }

    /** The decomposition shared by the empirical and the population paths. */
    static TensorInitResult run(MomentSource moments, int[] omega, SupportMask mask, Rng rng, Options options) {
        int k = mask.neurons();
        int p = omega.length;

        // 1. Top-K eigenspace of P2 (descending signed eigenvalues).
        SymmetricEigen eig = SymmetricEigen.decompose(moments.p2());
        double[][] all = eig.vectors();
        double[][] v = new double[p][k];
        for (int i = 0; i < p; i++) {
            System.arraycopy(all[i], 0, v[i], 0, k);
        }
        double[] lambda = new double[k];
        for (int c = 0; c < k; c++) {
            lambda[c] = eig.value(c);
        }

        // 2. Whitening lambda^{-1/2}, with a floor.
        double floor = Math.max(CLAMP_RELATIVE * Math.max(lambda[0], 0.0), Double.MIN_NORMAL);
        boolean clamped = false;
        double[] used = new double[k];
        double[] wh = new double[k];
        for (int c = 0; c < k; c++) {
            used[c] = lambda[c];
            if (!(used[c] >= floor)) {
                used[c] = floor;
                clamped = true;
            }
            wh[c] = 1.0 / Math.sqrt(used[c]);
        }

        // 3-4. Whitened fourth-order tensor and its orthogonal decomposition.
        TensorPowerMethod.Decomposition dec = options.contraction() == Contraction.FOURTH_ORDER
                ? TensorPowerMethod.decompose(whitenedFourthOrder(moments, v, wh), STARTS, ITERATIONS, rng)
                : TensorPowerMethod.decompose(whitenedContraction(moments, v, wh, options.contraction(), rng),
                STARTS, ITERATIONS, rng);

        // 5. Directions in Omega: wbar_j = V Wh^{-1} o_j / ||.||; V is orthonormal, so
        //    ||V Wh^{-1} o_j||^2 = sum_c lambda_c o_jc^2, which is also the whitening norm's core.
        double[][] directions = new double[k][p];
        double[] energy = new double[k];
        for (int j = 0; j < k; j++) {
            double[] o = dec.vectors()[j];
            double[] dir = directions[j];
            double[] u = new double[k];
            for (int c = 0; c < k; c++) {
                u[c] = o[c] / wh[c];
                energy[j] += u[c] * u[c];
            }
            for (int i = 0; i < p; i++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += v[i][c] * u[c];
                }
                dir[i] = s;
            }
            double norm = Math.sqrt(energy[j]);
            for (int i = 0; i < p; i++) {
                dir[i] /= norm;
            }
        }

        // 6. Signs (and optionally norms) from M1 = (1/(2K)) sum_j ||w_j|| wbar_j.
        double[] z = LinearSolver.leastSquares(directions, moments.m1(), RIDGE);
        double[] scale = new double[k];
        if (options.magnitudes() == Magnitudes.M1_LEAST_SQUARES) {
            for (int j = 0; j < k; j++) {
                scale[j] = 2.0 * k * z[j];
            }
        } else {
            double trace = 0;
            for (int c = 0; c < k; c++) {
                trace += used[c];
            }
            double calibration = moments.mean() / trace;
            if (!(calibration > 0) || !Double.isFinite(calibration)) {
                calibration = 1.0;
            }
            for (int j = 0; j < k; j++) {
                double sign = z[j] >= 0 ? 1.0 : -1.0;
                scale[j] = sign * k * Math.sqrt(2 * Math.PI) * energy[j] * calibration;
            }
        }
        double[][] estimates = new double[k][mask.inputs()];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < p; i++) {
                estimates[j][omega[i]] = scale[j] * directions[j][i];
            }
        }

        // 7. Assign estimates to mask columns, then project onto the mask.
        return new TensorInitResult(assignAndProject(estimates, mask), lambda, clamped);
    }

    /** -M4(V, V, V, V) whitened in all four modes; -1 because m4 &lt; 0 makes every nu_j positive. */
    private static double[][][][] whitenedFourthOrder(MomentSource moments, double[][] v, double[] wh) {
        int k = wh.length;
        double[][][][] m4 = moments.m4(v);
        double[][][][] t = new double[k][k][k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                for (int c = 0; c < k; c++) {
                    double f = -wh[a] * wh[b] * wh[c];
                    for (int e = 0; e < k; e++) {
                        t[a][b][c][e] = f * m4[a][b][c][e] * wh[e];
                    }
                }
            }
        }
        return t;
    }

    /** R3 = M4(V, V, V, alpha) whitened in its three modes, alpha drawn as the contraction says. */
    private static double[][][] whitenedContraction(MomentSource moments, double[][] v, double[] wh,
                                                    Contraction contraction, Rng rng) {
        int p = v.length;
        int k = wh.length;
        double[] alpha = new double[p];
        if (contraction == Contraction.ALPHA_SPHERE) {
            rng.fillGaussian(alpha);
        } else {
            double[] g = new double[k];
            rng.fillGaussian(g);
            for (int i = 0; i < p; i++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += v[i][c] * g[c];
                }
                alpha[i] = s;
            }
        }
        double norm = Math.sqrt(dot(alpha, alpha));
        for (int i = 0; i < p; i++) {
            alpha[i] /= norm;
        }
        double[][][] r3 = moments.r3(v, alpha);
        double[][][] t = new double[k][k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                for (int c = 0; c < k; c++) {
                    t[a][b][c] = r3[a][b][c] * wh[a] * wh[b] * wh[c];
                }
            }
        }
        return t;
    }

    /**
     * Row p[i] of the result is M_{p[i]} . w_i, with p the assignment maximising the total fraction
     * of each estimate's energy that falls inside its column's support.
     */
    static double[][] assignAndProject(double[][] estimates, SupportMask mask) {
        int k = estimates.length;
        int[][] supports = mask.supportsView();
        double[][] cost = new double[k][k];
        for (int i = 0; i < k; i++) {
            double total = dot(estimates[i], estimates[i]);
            for (int j = 0; j < k; j++) {
                double inside = 0;
                for (int idx : supports[j]) {
                    double w = estimates[i][idx];
                    inside += w * w;
                }
                cost[i][j] = total > 0 ? -inside / total : 0.0;
            }
        }
        int[] assignment = Hungarian.solve(cost);
        double[][] w0 = new double[k][mask.inputs()];
        for (int i = 0; i < k; i++) {
            int j = assignment[i];
            for (int idx : supports[j]) {
                w0[j][idx] = estimates[i][idx];
            }
        }
        return w0;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
