package dev.jackpot.prune;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deterministic plain-array trainer for the IMP driver's tests: a d-h-c ReLU MLP with softmax
 * cross-entropy on seeded synthetic data (labels from a random teacher), masked SGD with momentum
 * 0.9 (gradient masked, W ← W ⊙ M and momentum zeroed at masked entries after each step), batches of
 * step s drawn from Seeds.derive(dataSeed, "batch", s), learning rate 0.2 then 0.02 from step 3T/4.
 * The momentum buffers are the optimiser state ({@code momentum/<name>}, updates counted): a job
 * starts from the request's state and returns the state at the capture step.
 */
final class TinyMlpTrainer implements TicketTrainer {

    static final int D = 8;
    static final int H = 12;
    static final int C = 3;
    static final int BATCH = 16;

    private final float[][] trainX;
    private final int[] trainY;
    private final float[][] testX;
    private final int[] testY;
    private final long totalSteps;
    final List<TrainRequest> calls = new ArrayList<>();

    TinyMlpTrainer(long dataSeed, long totalSteps) {
        this.totalSteps = totalSteps;
        Rng rng = Seeds.stream(dataSeed, "teacher");
        float[][] teacher = new float[C][D];
        for (float[] row : teacher) {
            for (int j = 0; j < D; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        trainX = new float[256][D];
        trainY = new int[256];
        testX = new float[256][D];
        testY = new int[256];
        fill(trainX, trainY, teacher, Seeds.stream(dataSeed, "train"));
        fill(testX, testY, teacher, Seeds.stream(dataSeed, "test"));
    }

    private static void fill(float[][] x, int[] y, float[][] teacher, Rng rng) {
        for (int n = 0; n < x.length; n++) {
            for (int j = 0; j < D; j++) {
                x[n][j] = (float) rng.nextGaussian();
            }
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < C; c++) {
                double s = 0;
                for (int j = 0; j < D; j++) {
                    s += teacher[c][j] * x[n][j];
                }
                if (s > bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            y[n] = best;
        }
    }

    @Override
    public List<String> prunableNames() {
        return List.of("fc1.weight", "fc2.weight");
    }

    @Override
    public TensorSet initialWeights(long seed) {
        Rng rng = Rng.of(seed);
        return TensorSet.of(gaussian("fc1.weight", rng, Math.sqrt(2.0 / D), H, D), NamedTensor.zeros("fc1.bias", H),
                gaussian("fc2.weight", rng, Math.sqrt(1.0 / H), C, H), NamedTensor.zeros("fc2.bias", C));
    }

    private static NamedTensor gaussian(String name, Rng rng, double std, int... shape) {
        NamedTensor t = NamedTensor.zeros(name, shape);
        for (int i = 0; i < t.size(); i++) {
            t.values()[i] = (float) (std * rng.nextGaussian());
        }
        return t;
    }

    @Override
    public TrainOutcome train(TrainRequest req) {
        calls.add(req);
        TensorSet w = req.start().copy();
        List<float[]> velocity = new ArrayList<>();
        TensorSet state = req.startOptimizer().buffers();
        for (NamedTensor t : w) {
            String b = "momentum/" + t.name();
            velocity.add(state.contains(b) ? state.get(b).values().clone() : new float[t.size()]);
        }
        long updates = req.startOptimizer().updates();
        Optional<TensorSet> captured = Optional.empty();
        Optional<OptimizerSnapshot> capturedOpt = Optional.empty();
        for (long step = req.fromStep(); step < req.toStep(); step++) {
            if (step == req.captureStep()) {
                captured = Optional.of(w.copy());
                capturedOpt = Optional.of(snapshot(w, velocity, updates));
            }
            updates++;
            float lr = req.phase() == TrainPhase.FINE_TUNE ? 0.01f : step < 3 * totalSteps / 4 ? 0.2f : 0.02f;
            Rng batchRng = Seeds.stream(req.dataSeed(), "batch", step);
            TensorSet grad = zerosLike(w);
            for (int b = 0; b < BATCH; b++) {
                int n = batchRng.nextInt(trainX.length);
                backward(w, trainX[n], trainY[n], grad, 1f / BATCH);
            }
            int ti = 0;
            for (NamedTensor t : w) {
                float[] g = grad.get(t.name()).values();
                float[] v = velocity.get(ti++);
                float[] m = req.masks().contains(t.name()) ? req.masks().get(t.name()).values() : null;
                for (int i = 0; i < g.length; i++) {
                    if (m != null && m[i] == 0f) {
                        v[i] = 0f;
                        t.values()[i] = 0f;
                        continue;
                    }
                    v[i] = 0.9f * v[i] + g[i];
                    t.values()[i] -= lr * v[i];
                }
            }
        }
        if (req.captureStep() == req.toStep()) {
            captured = Optional.of(w.copy());
            capturedOpt = Optional.of(snapshot(w, velocity, updates));
        }
        int correct = 0;
        double loss = 0;
        for (int n = 0; n < testX.length; n++) {
            double[] p = forward(w, testX[n], null);
            int arg = 0;
            for (int c = 1; c < C; c++) {
                if (p[c] > p[arg]) {
                    arg = c;
                }
            }
            correct += arg == testY[n] ? 1 : 0;
            loss -= Math.log(p[testY[n]]);
        }
        return new TrainOutcome(w, captured, (double) correct / testX.length, loss / testX.length,
                Map.of("updates", (double) updates), capturedOpt);
    }

    private static OptimizerSnapshot snapshot(TensorSet w, List<float[]> velocity, long updates) {
        List<NamedTensor> out = new ArrayList<>();
        int i = 0;
        for (NamedTensor t : w) {
            out.add(new NamedTensor("momentum/" + t.name(), t.shape().clone(), velocity.get(i++).clone()));
        }
        return new OptimizerSnapshot(updates, TensorSet.of(out));
    }

    private static TensorSet zerosLike(TensorSet w) {
        List<NamedTensor> out = new ArrayList<>();
        for (NamedTensor t : w) {
            out.add(NamedTensor.zeros(t.name(), t.shape()));
        }
        return TensorSet.of(out);
    }

    /** Softmax probabilities; fills hidden activations when asked. */
    private static double[] forward(TensorSet w, float[] x, double[] hiddenOut) {
        float[] w1 = w.get("fc1.weight").values();
        float[] b1 = w.get("fc1.bias").values();
        float[] w2 = w.get("fc2.weight").values();
        float[] b2 = w.get("fc2.bias").values();
        double[] h = hiddenOut == null ? new double[H] : hiddenOut;
        for (int i = 0; i < H; i++) {
            double s = b1[i];
            for (int j = 0; j < D; j++) {
                s += w1[i * D + j] * x[j];
            }
            h[i] = Math.max(0, s);
        }
        double[] z = new double[C];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < C; c++) {
            double s = b2[c];
            for (int i = 0; i < H; i++) {
                s += w2[c * H + i] * h[i];
            }
            z[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < C; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < C; c++) {
            z[c] /= sum;
        }
        return z;
    }

    private static void backward(TensorSet w, float[] x, int y, TensorSet grad, float scale) {
        double[] h = new double[H];
        double[] p = forward(w, x, h);
        float[] w2 = w.get("fc2.weight").values();
        float[] g1 = grad.get("fc1.weight").values();
        float[] gb1 = grad.get("fc1.bias").values();
        float[] g2 = grad.get("fc2.weight").values();
        float[] gb2 = grad.get("fc2.bias").values();
        double[] dh = new double[H];
        for (int c = 0; c < C; c++) {
            double dz = p[c] - (c == y ? 1 : 0);
            gb2[c] += (float) (scale * dz);
            for (int i = 0; i < H; i++) {
                g2[c * H + i] += (float) (scale * dz * h[i]);
                dh[i] += dz * w2[c * H + i];
            }
        }
        for (int i = 0; i < H; i++) {
            if (h[i] <= 0) {
                continue;
            }
            gb1[i] += (float) (scale * dh[i]);
            for (int j = 0; j < D; j++) {
                g1[i * D + j] += (float) (scale * dh[i] * x[j]);
            }
        }
    }
}
