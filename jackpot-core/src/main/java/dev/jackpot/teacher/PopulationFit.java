package dev.jackpot.teacher;

import dev.jackpot.mask.SupportMask;

/**
 * The best a learner restricted to a mask can do on the population: minimises the closed-form
 * population mean square error L(W) = E_x[(g(x; W) - g(x; W*))^2], x ~ N(0, I_d), over W supported on
 * the mask, where g(x; W) = (1/K) sum_j relu(w_j . x) is the one-hidden-layer network of Zhang et al.
 * (NeurIPS 2021, eq. (1)). Its square root is the <em>floor</em> of the test error of Section 4.2 for
 * that mask: no algorithm and no number of training samples gets below it (up to the local minimum
 * found; the fit starts from the given weights, normally near W*).
 *
 * <p>With the arc-cosine kernel k(u, v) = E[relu(u . x) relu(v . x)] = |u| |v| (sin t + (pi - t) cos t)
 * / (2 pi), t the angle between u and v (Cho and Saul 2009),
 * L = (1/K^2) sum_{a,b} s_a s_b k(u_a, u_b) over the K learner rows (s = +1) and the K oracle rows
 * (s = -1), and dk/du = ((pi - t) v + |v| sin t u/|u|) / (2 pi), so
 * dL/dw_j = (2/K^2) sum_b s_b dk(w_j, u_b)/dw_j, read on the mask. The minimiser is accelerated
 * projected gradient descent (FISTA with backtracking and function-value restarts, O'Donoghue and
 * Candes 2015); each evaluation costs O(K^2 d).
 *
 * <p>Resolution: L is a sum of O(|W*|^2 / K^2) terms, so its rounding error is about 1e-16 of that and the
 * RMS floor is resolved down to about 1e-8 (Fig. 8's smallest target is 1e-6).
 */
public final class PopulationFit {

    /**
     * @param weights    the minimiser, zero outside the mask
     * @param rms        sqrt(L) at {@code weights}, the floor of the RMS test error on the mask
     * @param startRms   sqrt(L) at the masked start
     * @param iterations gradient steps taken
     */
    public record Result(double[][] weights, double rms, double startRms, int iterations) {
    }

    private static final int WINDOW = 200;

    private PopulationFit() {
    }

    /**
     * @param wStar         the oracle's weights, K x d
     * @param mask          the learner's mask
     * @param start         where the fit starts (read on the mask only; not modified)
     * @param maxIterations the most gradient steps, positive
     * @return the fit
     */
    public static Result minimise(double[][] wStar, SupportMask mask, double[][] start, int maxIterations) {
        int k = wStar.length;
        if (mask.neurons() != k || start.length != k) {
            throw new IllegalArgumentException("W* has " + k + " neurons, the mask " + mask.neurons() + ", the start "
                    + start.length + ".");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be positive, got " + maxIterations + ".");
        }
        int d = wStar[0].length;
        int[][] supports = mask.supportsView();
        double[][] x = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int i : supports[j]) {
                x[j][i] = start[j][i];
            }
        }
        double[][] y = copy(x);
        double[][] g = new double[k][d];
        double[][] next = new double[k][d];
        double fx = loss(x, wStar, null);
        double startLoss = fx;
        double step = 1.0;
        double t = 1;
        double[] history = new double[WINDOW];
        int it = 0;
        while (it < maxIterations && fx > 0) {
            double fy = loss(y, wStar, g);
            double g2 = 0;
            for (int j = 0; j < k; j++) {
                for (int i : supports[j]) {
                    g2 += g[j][i] * g[j][i];
                }
            }
            if (g2 == 0) {
                break;
            }
            double fNext;
            while (true) {
                for (int j = 0; j < k; j++) {
                    for (int i : supports[j]) {
                        next[j][i] = y[j][i] - step * g[j][i];
                    }
                }
                fNext = loss(next, wStar, null);
                if (fNext <= fy - 0.5 * step * g2 || step < 1e-300) {
                    break;
                }
                step *= 0.5;
            }
            it++;
            if (fNext > fx) {
                // The momentum overshot: restart from x without it.
                copyInto(x, y);
                t = 1;
                continue;
            }
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double beta = (t - 1) / tNext;
            for (int j = 0; j < k; j++) {
                for (int i : supports[j]) {
                    double v = next[j][i];
                    y[j][i] = v + beta * (v - x[j][i]);
                    x[j][i] = v;
                }
            }
            t = tNext;
            step *= 1.25;
            double previous = history[it % WINDOW];
            history[it % WINDOW] = fNext;
            fx = fNext;
            if (it > WINDOW && previous - fx <= 1e-12 * previous) {
                break;
            }
        }
        return new Result(x, Math.sqrt(Math.max(fx, 0)), Math.sqrt(Math.max(startLoss, 0)), it);
    }

    /**
     * L(W) and, when {@code grad} is not null, its gradient with respect to every entry of W (the caller
     * reads it on the mask).
     *
     * @param w     the learner's weights, K x d (zero outside the mask)
     * @param wStar the oracle's weights
     * @param grad  receives dL/dW, or null
     * @return the population mean square error
     */
    static double loss(double[][] w, double[][] wStar, double[][] grad) {
        int k = w.length;
        double[] norm = new double[2 * k];
        double[][] unit = Recovery.unitRows(w, null, wStar, norm);
        if (grad != null) {
            for (double[] row : grad) {
                java.util.Arrays.fill(row, 0);
            }
        }
        double s = 0;
        double scale = 1.0 / (k * (double) k);
        for (int a = 0; a < 2 * k; a++) {
            for (int b = a; b < 2 * k; b++) {
                if (norm[a] == 0 || norm[b] == 0) {
                    continue;
                }
                double sign = (a < k) == (b < k) ? 1 : -1;
                double[] angle = Recovery.angle(unit[a], unit[b]);
                s += (a == b ? 1 : 2) * sign * Recovery.reluKernel(norm[a], norm[b], angle);
                if (grad != null) {
                    // 2 s_a s_b dk/du_a for u_a a learner row (and the same for u_b), so that grad = dL/dW.
                    if (a < k) {
                        addKernelGradient(grad[a], unit[b], norm[b], unit[a], angle, 2 * sign * scale);
                    }
                    if (b < k && b != a) {
                        addKernelGradient(grad[b], unit[a], norm[a], unit[b], angle, 2 * sign * scale);
                    }
                }
            }
        }
        return Math.max(s, 0.0) * scale;
    }

    /**
     * grad += f ((pi - t) v + |v| sin t u/|u|) / (2 pi), the gradient of k(u, v) with respect to u, from the unit
     * directions of v and u, |v| and {@link Recovery#angle}.
     */
    private static void addKernelGradient(double[] grad, double[] vUnit, double nv, double[] uUnit, double[] angle,
                                          double f) {
        double cv = f * (Math.PI - angle[0]) * nv / (2 * Math.PI);
        double cu = f * nv * angle[1] / (2 * Math.PI);
        for (int i = 0; i < grad.length; i++) {
            grad[i] += cv * vUnit[i] + cu * uUnit[i];
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int j = 0; j < a.length; j++) {
            c[j] = a[j].clone();
        }
        return c;
    }

    private static void copyInto(double[][] from, double[][] to) {
        for (int j = 0; j < from.length; j++) {
            System.arraycopy(from[j], 0, to[j], 0, from[j].length);
        }
    }
}
