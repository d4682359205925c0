package dev.jackpot.nn.train;

/**
 * One optimiser update of a parameter's values, element by element, in plain Java: the float
 * operations, and their order, of the update as libtorch element-wise ops would compute it, so both
 * engines give the same bits from the same gradient:
 * <ul>
 *   <li>SGD: {@code d = g + W lambda} (weight decay), {@code b = b mu + d},
 *       {@code d = b} or {@code d + b mu} (Nesterov), {@code W = W - d lr};</li>
 *   <li>Adam: {@code m = m beta1 + d (1 - beta1)}, {@code v = v beta2 + (d d)(1 - beta2)},
 *       {@code W = W - (m / (sqrt(v / c2) + eps)) (lr / c1)} with {@code c_i = 1 - beta_i^t}
 *       (Kingma and Ba, Algorithm 1, as PyTorch computes it).</li>
 * </ul>
 * With a mask (dense engine) the gradient is multiplied by it first and the weight and buffers after,
 * each as {@code x * M + 0}: a masked entry becomes +0.0, never -0.0 (see
 * {@link MaskedTrainer#applyMask}). One pass over the arrays replaces some twenty whole-tensor
 * libtorch calls per parameter, each of which read and wrote the full tensor.
 */
final class OptimizerStep {

    private final TrainSpec spec;

    OptimizerStep(TrainSpec spec) {
        this.spec = spec;
    }

    /**
     * SGD, with momentum when {@code b} is not null.
     *
     * @param w    values, updated
     * @param g    gradient; multiplied by the mask in place when there is one
     * @param b    momentum buffer or null, updated
     * @param mask 0/1 mask or null
     * @param lr   learning rate of this step
     */
    void sgd(float[] w, float[] g, float[] b, float[] mask, double lr) {
        float wd = (float) spec.weightDecay();
        float mu = (float) spec.momentum();
        float rate = (float) lr;
        boolean decay = wd > 0;
        maskGradient(g, mask);
        // One loop per case: a loop with several loop-invariant branches is not vectorised by C2.
        if (b == null) {
            for (int k = 0; k < w.length; k++) {
                float d = decay ? g[k] + w[k] * wd : g[k];
                w[k] = w[k] - d * rate;
            }
        } else if (spec.nesterov()) {
            for (int k = 0; k < w.length; k++) {
                float d = decay ? g[k] + w[k] * wd : g[k];
                float bk = b[k] * mu + d;
                b[k] = bk;
                w[k] = w[k] - (d + bk * mu) * rate;
            }
        } else {
            for (int k = 0; k < w.length; k++) {
                float d = decay ? g[k] + w[k] * wd : g[k];
                float bk = b[k] * mu + d;
                b[k] = bk;
                w[k] = w[k] - bk * rate;
            }
        }
        applyMask(mask, w, b, null);
    }

    /**
     * Adam (with L2 weight decay added to the gradient, as PyTorch's {@code weight_decay}).
     *
     * @param w       values, updated
     * @param g       gradient; multiplied by the mask in place when there is one
     * @param m       first moment, updated
     * @param v       second moment, updated
     * @param mask    0/1 mask or null
     * @param lr      learning rate of this step
     * @param updates t, the number of updates including this one
     */
    void adam(float[] w, float[] g, float[] m, float[] v, float[] mask, double lr, long updates) {
        float wd = (float) spec.weightDecay();
        double beta1 = spec.beta1();
        double beta2 = spec.beta2();
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float o1 = (float) (1 - beta1);
        float o2 = (float) (1 - beta2);
        float c2 = (float) (1 - Math.pow(beta2, updates));
        float eps = (float) spec.epsilon();
        float step = (float) (lr / (1 - Math.pow(beta1, updates)));
        boolean decay = wd > 0;
        maskGradient(g, mask);
        for (int k = 0; k < w.length; k++) {
            float d = decay ? g[k] + w[k] * wd : g[k];
            float mk = m[k] * b1 + d * o1;
            float vk = v[k] * b2 + (d * d) * o2;
            m[k] = mk;
            v[k] = vk;
            w[k] = w[k] - (mk / ((float) Math.sqrt(vk / c2) + eps)) * step;
        }
        applyMask(mask, w, m, v);
    }

    private static void maskGradient(float[] g, float[] mask) {
        if (mask != null) {
            for (int k = 0; k < g.length; k++) {
                g[k] = g[k] * mask[k];
            }
        }
    }

    /** {@code x <- x * M + 0} for each non-null array (a separate pass: fused into the update, C2 no longer vectorises it). */
    private static void applyMask(float[] mask, float[] a, float[] b, float[] c) {
        if (mask == null) {
            return;
        }
        for (float[] x : new float[][] {a, b, c}) {
            if (x != null) {
                for (int k = 0; k < x.length; k++) {
                    x[k] = x[k] * mask[k] + 0f;
                }
            }
        }
    }
}
