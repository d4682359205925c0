package dev.jackpot.teacher;

/**
 * Per-sample loss derivatives shared by every {@link Objective} implementation, so sparse and dense
 * kernels differ only in how they touch the weights.
 */
final class Losses {

    /** Probabilities are clipped to [EPS, 1 - EPS] inside the cross-entropy's logarithms. */
    static final double EPS = 1e-6;

    private Losses() {
    }

    /**
     * Computes the loss on [lo, hi) and writes s[n] = dLoss/dOut_n.
     *
     * @return the loss, averaged over hi - lo samples
     */
    static double lossAndSlope(Task task, double[] out, double[] y, int lo, int hi, double[] s) {
        double inv = 1.0 / (hi - lo);
        double loss = 0;
        if (task == Task.REGRESSION) {
            for (int n = lo; n < hi; n++) {
                double e = out[n] - y[n];
                loss += e * e;
                s[n] = e * inv;
            }
            return 0.5 * loss * inv;
        }
        for (int n = lo; n < hi; n++) {
            double g = out[n];
            double p = Math.min(1 - EPS, Math.max(EPS, g));
            loss -= y[n] * Math.log(p) + (1 - y[n]) * Math.log(1 - p);
            s[n] = (g > EPS && g < 1 - EPS) ? (p - y[n]) / (p * (1 - p)) * inv : 0.0;
        }
        return loss * inv;
    }

    /** Writes c[n] = d^2 Loss / dOut_n^2 on [0, N). */
    static void curvature(Task task, double[] out, double[] y, double[] c) {
        double inv = 1.0 / out.length;
        for (int n = 0; n < out.length; n++) {
            if (task == Task.REGRESSION) {
                c[n] = inv;
            } else {
                double g = out[n];
                double p = Math.min(1 - EPS, Math.max(EPS, g));
                c[n] = (g > EPS && g < 1 - EPS) ? (y[n] / (p * p) + (1 - y[n]) / ((1 - p) * (1 - p))) * inv : 0.0;
            }
        }
    }
}
