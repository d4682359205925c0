package dev.jackpot.teacher;

/**
 * The moments of Zhong et al. (ICML 2017) that the tensor initialisation needs, restricted to the
 * p = |Omega| inputs of the support union Omega of the learner's mask. For the model
 * y = (1/K) sum_j relu(w_j . x) + noise, x ~ N(0, I_d), and wbar_j = w_j / ||w_j|| (full norm):
 *
 * <pre>
 *   E[y]                                            = (1/K) sum_j ||w_j|| / sqrt(2 pi)
 *   M1 = E[y x_Omega]                               = (1/(2K)) sum_j (w_j)_Omega
 *   P2 = E[y (x_Omega x_Omega^T - I)]               = sum_j (1/K) (||w_j|| / sqrt(2 pi)) (wbar_j)_Omega (wbar_j)_Omega^T
 *   R3 = M4(V, V, V, alpha)                         = sum_j (1/K) m4(||w_j||) (alpha . (wbar_j)_Omega) u_j^{(x)3},
 *   M4(V, V, V, V)                                  = sum_j (1/K) m4(||w_j||) u_j^{(x)4},
 *        m4(s) = -s / sqrt(2 pi),  u_j = V^T (wbar_j)_Omega
 * </pre>
 *
 * where M4 = E[y (x^{(x)4} - (x(x)x) (x)~ I + I (x)~ I)] is Zhong et al.'s fourth-order moment
 * (m3 = 0 for ReLU, so M3 carries no information).
 *
 * These closed forms hold whether or not w_j lies inside Omega, because restricting a Hermite
 * moment to a set of coordinates restricts each factor wbar_j to those coordinates.
 */
interface MomentSource {

    /** @return p, the number of inputs in Omega */
    int dimension();

    /** @return E[y] = (1/K) sum_j ||w_j|| / sqrt(2 pi) */
    double mean();

    /** @return M1, length p */
    double[] m1();

    /** @return P2, p x p, symmetric */
    double[][] p2();

    /**
     * @param v     p x K with orthonormal columns
     * @param alpha a vector of length p
     * @return R3 = M4(V, V, V, alpha), K x K x K, symmetric
     */
    double[][][] r3(double[][] v, double[] alpha);

    /**
     * @param v p x K with orthonormal columns
     * @return M4(V, V, V, V) = sum_j (1/K) m4(||w_j||) u_j^{(x)4}, K x K x K x K, symmetric
     */
    double[][][][] m4(double[][] v);
}
