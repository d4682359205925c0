package dev.jackpot.nn.pai;

import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.InitScheme;
import dev.jackpot.nn.model.Initialiser;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.model.ParameterKind;
import dev.jackpot.nn.model.ParameterSpec;
import dev.jackpot.prune.Masks;
import dev.jackpot.prune.PruneResult;
import dev.jackpot.prune.ScorePruneStrategy;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scores and masks of pruning at initialisation (weak-lth.md section 5), over the network's
 * prunable weights (Conv and Linear; biases and batch-norm are never pruned). Gradients are taken
 * in double precision ({@link Autodiff64}); scores are returned as float {@link TensorSet}s and the
 * mask is chosen by {@link ScorePruneStrategy} with exact counts ({@code round(d·N)}) or the spec's
 * reference counting rule ({@code PruneAtInitSpec.counting}).
 * <ul>
 *   <li>SNIP (Lee, Ajanthan, Torr, ICLR 2019): {@code s = |g ⊙ w| / Σ|g ⊙ w|}, g the gradient of
 *       the mean cross-entropy on one seeded minibatch; keep the highest.</li>
 *   <li>GraSP (Wang, Zhang, Grosse, ICLR 2020): with {@code L = CE(f(x)/T)}, T = 200, over
 *       {@code samplesPerClass} examples per class in two halves, {@code g = Σ_h ∇L_h},
 *       {@code Hg = Σ_h [∇L_h(θ + r g) − ∇L_h(θ − r g)] / (2r)} (central difference in double;
 *       both taken over the prunable weights, biases held), {@code S = −θ ⊙ Hg}; the highest S are
 *       <em>removed</em>, as in the reference code (keep {@code S <= threshold}).</li>
 *   <li>SynFlow (Tanaka et al., NeurIPS 2020): data-free; for r = 1..n: linearise (every parameter
 *       and buffer replaced by its absolute value, masked weights zero, evaluation mode), forward one
 *       all-ones input, {@code R = Σ outputs}, {@code s = |θ ⊙ ∂R/∂θ|}, prune to {@code d^(r/n)}.</li>
 *   <li>Magnitude: keep the largest {@code |w|}. Random: uniform random scores (a uniform k-subset).</li>
 * </ul>
 * Library code: it never prints. Not thread-safe across instances in one JVM (libtorch allows one
 * gradient collector at a time).
 */
public final class PruneAtInit {

    private final Compute compute;
    private final Network network;

    /**
     * @param compute where to compute
     * @param network the network
     */
    public PruneAtInit(Compute compute, Network network) {
        this.compute = Objects.requireNonNull(compute, "compute");
        this.network = Objects.requireNonNull(network, "network");
    }

    /**
     * Prunes {@code weights} by the spec's method.
     *
     * @param spec    the method and its settings
     * @param weights the initial weights (every parameter of the network)
     * @param train   training examples (read by SNIP and GraSP only; may be null for the others)
     * @param norm    the normalisation of {@code train}
     * @return the mask, the selection record and the scores
     */
    public PruneAtInitResult prune(PruneAtInitSpec spec, TensorSet weights, ImageDataset train, Normalisation norm) {
        return prune(spec, weights, train, norm, InitScheme.KAIMING_NORMAL);
    }

    /**
     * Prunes {@code weights} by the spec's method; with SNIP's {@code scoreOnTrainedInit = false} the
     * result's {@code trainInit} is a separate draw of {@code scheme}.
     *
     * @param spec    the method and its settings
     * @param weights the initial weights (every parameter of the network); not modified
     * @param train   training examples (read by SNIP and GraSP only; may be null for the others)
     * @param norm    the normalisation of {@code train}
     * @param scheme  the initialisation scheme of SNIP's separate draw
     * @return the mask, the selection record, the scores, the weights scored and the weights to train
     */
    public PruneAtInitResult prune(PruneAtInitSpec spec, TensorSet weights, ImageDataset train, Normalisation norm,
                                   InitScheme scheme) {
        return prune(spec, weights, train, norm, scheme, false);
    }

    /**
     * As {@link #prune(PruneAtInitSpec, TensorSet, ImageDataset, Normalisation, InitScheme)}, keeping the weights
     * the method ranks lowest instead of highest: the inverted-scores sanity check of Frankle et al. (ICLR 2021),
     * Synaptic-Flow's {@code --invert} (for SynFlow, in every round). Same scores, same counts.
     *
     * @param spec    the method and its settings
     * @param weights the initial weights; not modified
     * @param train   training examples (SNIP and GraSP)
     * @param norm    their normalisation
     * @param scheme  the initialisation scheme of SNIP's separate draw
     * @return the inverted mask and its record
     */
    public PruneAtInitResult pruneInverted(PruneAtInitSpec spec, TensorSet weights, ImageDataset train,
                                           Normalisation norm, InitScheme scheme) {
        return prune(spec, weights, train, norm, scheme, true);
    }

    private PruneAtInitResult prune(PruneAtInitSpec spec, TensorSet weights, ImageDataset train, Normalisation norm,
                                    InitScheme scheme, boolean invert) {
        network.checkWeights(weights);
        if (spec.method().needsData() && train == null) {
            throw new IllegalArgumentException(spec.method() + " needs training examples, but none were given.");
        }
        if (spec.method() == PaiMethod.SYNFLOW) {
            return synflow(spec, weights, invert);
        }
        TensorSet scored = spec.redrawXavier() ? xavierRedraw(weights, Seeds.derive(spec.seed(), "grasp-xavier")) : weights;
        TensorSet scores = switch (spec.method()) {
            case SNIP -> snipScores(scored, train, norm, spec.batch(), spec.seed());
            case GRASP -> graspScores(scored, train, norm, spec.samplesPerClass(), spec.temperature(), spec.seed());
            case MAGNITUDE -> magnitudeScores(scored);
            case RANDOM -> randomScores(Seeds.stream(spec.seed(), "pai-random"));
            case SYNFLOW -> throw new IllegalStateException("unreachable");
        };
        // GraSP removes its highest scores; inverting keeps them instead (and the others keep their lowest).
        boolean removeHighest = (spec.method() == PaiMethod.GRASP) != invert;
        PruneResult r = new ScorePruneStrategy(spec.scope(), spec.density(), Set.of(), removeHighest, spec.counting())
                .prune(scores, onesMask());
        TensorSet trainInit = spec.scoreOnTrainedInit() ? weights
                : separateDraw(Seeds.derive(spec.seed(), "snip-train-init"), scheme);
        return new PruneAtInitResult(spec, r.masks(), r, List.of(r.density()), scores, scored, trainInit);
    }

    /**
     * GraSP's reference scores a copy of the network whose Conv and Linear weights it re-draws with
     * {@code xavier_normal_} (std {@code sqrt(2 / (fan_in + fan_out))}); biases and batch-norm stay.
     *
     * @param weights the init; not modified
     * @param seed    the seed of the re-draw
     * @return a copy with every prunable weight re-drawn Glorot (Xavier) normal
     */
    public TensorSet xavierRedraw(TensorSet weights, long seed) {
        TensorSet xavier = Initialiser.initialise(network, seed, InitScheme.GLOROT_NORMAL);
        Set<String> prunable = Set.copyOf(prunableNames());
        List<NamedTensor> out = new ArrayList<>();
        for (NamedTensor t : weights) {
            out.add(prunable.contains(t.name()) ? xavier.get(t.name()).copy() : t.copy());
        }
        return TensorSet.of(out);
    }

    /**
     * SNIP's reference trains a draw other than the one it scored, with biases initialised to zero.
     *
     * @param seed   the seed of the draw
     * @param scheme its initialisation scheme
     * @return a fresh draw with every bias exactly +0.0
     */
    public TensorSet separateDraw(long seed, InitScheme scheme) {
        TensorSet draw = Initialiser.initialise(network, seed, scheme);
        List<NamedTensor> out = new ArrayList<>();
        for (ParameterSpec p : network.parameters()) {
            NamedTensor t = draw.get(p.name());
            out.add(p.kind() == ParameterKind.BIAS ? new NamedTensor(t.name(), t.shape().clone(), new float[t.size()]) : t);
        }
        return TensorSet.of(out);
    }

    /** @return all-ones masks over the prunable weights */
    public TensorSet onesMask() {
        List<NamedTensor> out = new ArrayList<>();
        for (ParameterSpec p : prunable()) {
            float[] v = new float[p.size()];
            java.util.Arrays.fill(v, 1f);
            out.add(new NamedTensor(p.name(), p.shape(), v));
        }
        return TensorSet.of(out);
    }

    // ---------------------------------------------------------------- SNIP

    /**
     * SNIP scores {@code |g ⊙ w|}, normalised to sum 1, on {@code batch} examples drawn without
     * replacement with {@code Seeds.stream(seed, "snip-batch")}.
     *
     * @return one score tensor per prunable weight
     */
    public TensorSet snipScores(TensorSet weights, ImageDataset train, Normalisation norm, int batch, long seed) {
        if (batch < 1 || batch > train.size()) {
            throw new IllegalArgumentException("The SNIP batch must hold between 1 and " + train.size()
                    + " examples (the training set), got " + batch + ".");
        }
        int[] pool = new int[train.size()];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = i;
        }
        Examples ex = Examples.of(train, norm, Seeds.stream(seed, "snip-batch").sample(pool, batch));
        return snipScores(weights, ex);
    }

    TensorSet snipScores(TensorSet weights, Examples ex) {
        Map<String, double[]> w = toDouble(weights);
        Map<String, double[]> g = crossEntropyGradient(w, ex, 1.0);
        Map<String, double[]> s = new LinkedHashMap<>();
        double total = 0;
        for (ParameterSpec p : prunable()) {
            double[] gw = g.get(p.name());
            double[] ww = w.get(p.name());
            double[] v = new double[gw.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.abs(gw[i] * ww[i]);
                total += v[i];
            }
            s.put(p.name(), v);
        }
        if (!(total > 0) || !Double.isFinite(total)) {
            throw new IllegalStateException("The SNIP scores sum to " + total + "; the gradient vanished or overflowed.");
        }
        for (double[] v : s.values()) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= total;
            }
        }
        return toFloat(s, 1.0);
    }

    /** Mean cross-entropy of logits/T over {@code ex}, its gradient over the prunable weights (training mode). */
    Map<String, double[]> crossEntropyGradient(Map<String, double[]> w, Examples ex, double temperature) {
        return Autodiff64.gradient(compute, network, w, ex.x(), ex.size(), true, prunableNames(),
                Autodiff64.crossEntropy(ex.y(), network.classes(), temperature)).gradients();
    }

    /** The loss itself (for finite-difference checks). */
    double crossEntropy(Map<String, double[]> w, Examples ex, double temperature) {
        return Autodiff64.gradient(compute, network, w, ex.x(), ex.size(), true, prunableNames(),
                Autodiff64.crossEntropy(ex.y(), network.classes(), temperature)).value();
    }

    // ---------------------------------------------------------------- GraSP

    /**
     * GraSP scores {@code S = −θ ⊙ Hg} (weak-lth.md 5.2); the mask removes the highest.
     * Examples: {@code samplesPerClass} per class drawn with {@code Seeds.stream(seed, "grasp-samples", k)};
     * the first half of each class's draw forms the first half-batch.
     *
     * @return one score tensor per prunable weight
     */
    public TensorSet graspScores(TensorSet weights, ImageDataset train, Normalisation norm, int samplesPerClass,
                                 double temperature, long seed) {
        List<Examples> halves = graspHalves(train, norm, samplesPerClass, seed);
        Map<String, double[]> w = toDouble(weights);
        Map<String, double[]> hg = hessianGradient(w, halves, temperature);
        Map<String, double[]> s = new LinkedHashMap<>();
        double max = 0;
        for (ParameterSpec p : prunable()) {
            double[] th = w.get(p.name());
            double[] h = hg.get(p.name());
            double[] v = new double[th.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = -th[i] * h[i];
                max = Math.max(max, Math.abs(v[i]));
            }
            s.put(p.name(), v);
        }
        // Rescaling by a positive constant leaves the ranking unchanged and keeps tiny products out of float underflow.
        return toFloat(s, max > 0 ? 1.0 / max : 1.0);
    }

    List<Examples> graspHalves(ImageDataset train, Normalisation norm, int samplesPerClass, long seed) {
        int k = train.classes();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < train.size(); i++) {
            byClass.get(train.label(i)).add(i);
        }
        int half = samplesPerClass / 2;
        int[] first = new int[k * half];
        int[] second = new int[k * (samplesPerClass - half)];
        int a = 0;
        int b = 0;
        for (int c = 0; c < k; c++) {
            int[] pool = byClass.get(c).stream().mapToInt(Integer::intValue).toArray();
            if (pool.length < samplesPerClass) {
                throw new IllegalArgumentException("GraSP needs " + samplesPerClass + " examples of class " + c
                        + " but the training set holds " + pool.length + ".");
            }
            int[] pick = Seeds.stream(seed, "grasp-samples", c).sample(pool, samplesPerClass);
            for (int j = 0; j < samplesPerClass; j++) {
                if (j < half) {
                    first[a++] = pick[j];
                } else {
                    second[b++] = pick[j];
                }
            }
        }
        return List.of(Examples.of(train, norm, first), Examples.of(train, norm, second));
    }

    /**
     * {@code Hg = Σ_h [∇L_h(θ + r g) − ∇L_h(θ − r g)] / (2r)} with {@code g = Σ_h ∇L_h(θ)}, over the
     * prunable weights; r makes the step {@code r‖g‖ = 1e-4 · max(1, ‖θ‖)} (truncation about 1e-8
     * relative, rounding about 1e-12 in double).
     */
    Map<String, double[]> hessianGradient(Map<String, double[]> w, List<Examples> halves, double temperature) {
        Map<String, double[]> g = sumOverHalves(w, halves, temperature);
        double gn = 0;
        double wn = 0;
        for (String n : prunableNames()) {
            for (double v : g.get(n)) {
                gn += v * v;
            }
            for (double v : w.get(n)) {
                wn += v * v;
            }
        }
        gn = Math.sqrt(gn);
        if (!(gn > 0) || !Double.isFinite(gn)) {
            throw new IllegalStateException("The GraSP gradient has norm " + gn + "; there is no direction to differentiate along.");
        }
        double r = 1e-4 * Math.max(1, Math.sqrt(wn)) / gn;
        Map<String, double[]> plus = sumOverHalves(shifted(w, g, r), halves, temperature);
        Map<String, double[]> minus = sumOverHalves(shifted(w, g, -r), halves, temperature);
        Map<String, double[]> hg = new LinkedHashMap<>();
        for (String n : prunableNames()) {
            double[] p = plus.get(n);
            double[] m = minus.get(n);
            double[] v = new double[p.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (p[i] - m[i]) / (2 * r);
            }
            hg.put(n, v);
        }
        return hg;
    }

    /** @return g = Σ_h ∇L_h over the prunable weights */
    Map<String, double[]> sumOverHalves(Map<String, double[]> w, List<Examples> halves, double temperature) {
        Map<String, double[]> sum = null;
        for (Examples h : halves) {
            Map<String, double[]> g = crossEntropyGradient(w, h, temperature);
            if (sum == null) {
                sum = g;
            } else {
                for (String n : prunableNames()) {
                    double[] s = sum.get(n);
                    double[] d = g.get(n);
                    for (int i = 0; i < s.length; i++) {
                        s[i] += d[i];
                    }
                }
            }
        }
        return sum;
    }

    private Map<String, double[]> shifted(Map<String, double[]> w, Map<String, double[]> dir, double r) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : w.entrySet()) {
            double[] v = e.getValue().clone();
            double[] d = dir.get(e.getKey());
            if (d != null) {
                for (int i = 0; i < v.length; i++) {
                    v[i] += r * d[i];
                }
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    // ---------------------------------------------------------------- SynFlow

    /**
     * Iterative SynFlow to the spec's density in {@code spec.rounds()} rounds (exponential schedule
     * {@code d_r = d^(r/n)}). Reads no data.
     *
     * @param spec    the spec (method SYNFLOW)
     * @param weights the initial weights
     * @return the final mask, the last round's selection, the density after every round
     */
    public PruneAtInitResult synflow(PruneAtInitSpec spec, TensorSet weights) {
        return synflow(spec, weights, false);
    }

    private PruneAtInitResult synflow(PruneAtInitSpec spec, TensorSet weights, boolean invert) {
        network.checkWeights(weights);
        TensorSet masks = onesMask();
        List<Double> densities = new ArrayList<>();
        PruneResult last = null;
        TensorSet scores = null;
        int n = spec.rounds();
        for (int r = 1; r <= n; r++) {
            scores = synflowScores(weights, masks);
            double dr = r == n ? spec.density() : Math.pow(spec.density(), (double) r / n);
            last = new ScorePruneStrategy(spec.scope(), dr, Set.of(), invert, spec.counting()).prune(scores, masks);
            masks = last.masks();
            densities.add(Masks.density(masks));
        }
        return new PruneAtInitResult(spec, masks, last, densities, scores, weights, weights);
    }

    /**
     * One SynFlow scoring pass: {@code |θ ⊙ ∂R/∂θ|} with {@code R = Σ f_|θ⊙M|(1)} in evaluation
     * mode; zero where the mask is zero. The scores are divided by their maximum before conversion
     * to float (the ranking is unchanged; R itself can exceed the float range).
     *
     * @param weights the weights (signs ignored)
     * @param masks   current masks over the prunable weights
     * @return one score tensor per prunable weight
     */
    public TensorSet synflowScores(TensorSet weights, TensorSet masks) {
        Map<String, double[]> abs = new LinkedHashMap<>();
        for (NamedTensor t : weights) {
            float[] v = t.values();
            float[] m = masks.contains(t.name()) ? masks.get(t.name()).values() : null;
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = m != null && m[i] == 0f ? 0.0 : Math.abs((double) v[i]);
            }
            abs.put(t.name(), d);
        }
        int[] in = network.inputShape();
        double[] ones = new double[in[0] * in[1] * in[2]];
        java.util.Arrays.fill(ones, 1.0);
        Autodiff64.Result res = Autodiff64.gradient(compute, network, abs, ones, 1, false, prunableNames(), Autodiff64.sum());
        if (!Double.isFinite(res.value())) {
            throw new IllegalStateException("The SynFlow objective R = " + res.value() + " is not finite even in double precision.");
        }
        Map<String, double[]> s = new LinkedHashMap<>();
        double max = 0;
        for (String name : prunableNames()) {
            double[] th = abs.get(name);
            double[] g = res.gradients().get(name);
            double[] v = new double[th.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.abs(th[i] * g[i]);
                max = Math.max(max, v[i]);
            }
            s.put(name, v);
        }
        return toFloat(s, max > 0 ? 1.0 / max : 1.0);
    }

    /** Unrescaled SynFlow scores in double (for the conservation check). */
    Map<String, double[]> synflowScoresDouble(TensorSet weights) {
        Map<String, double[]> abs = new LinkedHashMap<>();
        for (NamedTensor t : weights) {
            double[] d = new double[t.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.abs((double) t.values()[i]);
            }
            abs.put(t.name(), d);
        }
        int[] in = network.inputShape();
        double[] ones = new double[in[0] * in[1] * in[2]];
        java.util.Arrays.fill(ones, 1.0);
        Autodiff64.Result res = Autodiff64.gradient(compute, network, abs, ones, 1, false, prunableNames(), Autodiff64.sum());
        Map<String, double[]> s = new LinkedHashMap<>();
        for (String name : prunableNames()) {
            double[] th = abs.get(name);
            double[] g = res.gradients().get(name);
            double[] v = new double[th.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.abs(th[i] * g[i]);
            }
            s.put(name, v);
        }
        return s;
    }

    // ---------------------------------------------------------------- baselines

    /** @return {@code |w|} over the prunable weights */
    public TensorSet magnitudeScores(TensorSet weights) {
        List<NamedTensor> out = new ArrayList<>();
        for (ParameterSpec p : prunable()) {
            float[] v = weights.get(p.name()).values();
            float[] s = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                s[i] = Math.abs(v[i]);
            }
            out.add(new NamedTensor(p.name(), p.shape(), s));
        }
        return TensorSet.of(out);
    }

    /** @return independent uniform scores, so keep-top-k is a uniform random k-subset */
    public TensorSet randomScores(Rng rng) {
        List<NamedTensor> out = new ArrayList<>();
        for (ParameterSpec p : prunable()) {
            float[] s = new float[p.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) rng.nextDouble();
            }
            out.add(new NamedTensor(p.name(), p.shape(), s));
        }
        return TensorSet.of(out);
    }

    // ---------------------------------------------------------------- helpers

    List<ParameterSpec> prunable() {
        return network.parameters().stream().filter(ParameterSpec::prunable).toList();
    }

    List<String> prunableNames() {
        return network.prunableNames();
    }

    static Map<String, double[]> toDouble(TensorSet weights) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (NamedTensor t : weights) {
            float[] v = t.values();
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            out.put(t.name(), d);
        }
        return out;
    }

    private TensorSet toFloat(Map<String, double[]> scores, double scale) {
        List<NamedTensor> out = new ArrayList<>();
        for (ParameterSpec p : prunable()) {
            double[] v = scores.get(p.name());
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) (v[i] * scale);
            }
            out.add(new NamedTensor(p.name(), p.shape(), f));
        }
        return TensorSet.of(out);
    }
}
