package dev.jackpot.teacher;

import dev.jackpot.mask.SupportMask;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One way of computing a GraSP mask on the pruned teacher-student task of Zhang et al. (Section 4.2),
 * for finding which procedure gives the mask accuracies of their Figs. 7-9 (0.72-0.99). Every
 * unspecified choice is a field: where the dense warm-up starts, which samples the scores are computed
 * on, global or per-neuron selection, and the sign convention. The reference setting is
 * {@link #REFERENCE}: 20 dense AGD iterations from W* + 0.2 ||W*|| D/||D||, scores on the N training
 * samples, S = -W_e . (H g), the largest S removed, one global threshold (Wang, Zhang, Grosse 2020).
 *
 * @param name       a short label
 * @param start      {@code "lambda"} (W* plus a dense perturbation at relative distance {@code lambda}),
 *                   {@code "random"} (a Gaussian matrix of the same Frobenius norm as W*: no knowledge of W*)
 *                   or {@code "tensor"} (the tensor initialisation on the dense mask)
 * @param lambda     the relative distance for {@code start = "lambda"}
 * @param iterations dense AGD iterations before scoring, at least 0
 * @param scoreSamples samples the gradient and Hessian are taken on: 0 for the N training samples, else that
 *                   many fresh samples of the teacher
 * @param perNeuron  keep the same number of weights in every neuron instead of one global threshold
 * @param sign       {@code "remove-largest"} (GraSP: remove the largest S), {@code "remove-smallest"} (the
 *                   opposite sign) or {@code "magnitude-of-s"} (keep the largest |S|)
 */
public record GraspVariant(String name, String start, double lambda, int iterations, int scoreSamples,
                           boolean perNeuron, String sign) {

    private static final List<String> STARTS = List.of("lambda", "random", "tensor");
    private static final List<String> SIGNS = List.of("remove-largest", "remove-smallest", "magnitude-of-s");

    /** The reference's GraSP in Zhang et al.'s setting, as {@code TeacherTrial} computes it. */
    public static final GraspVariant REFERENCE = new GraspVariant("reference", "lambda", 0.2, 20, 0, false,
            "remove-largest");

    public GraspVariant {
        Objects.requireNonNull(name, "name");
        if (!STARTS.contains(start)) {
            throw new IllegalArgumentException("start must be one of " + STARTS + ", got '" + start + "'.");
        }
        if (!SIGNS.contains(sign)) {
            throw new IllegalArgumentException("sign must be one of " + SIGNS + ", got '" + sign + "'.");
        }
        if (iterations < 0 || scoreSamples < 0 || !(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("iterations and scoreSamples must be non-negative and lambda finite and "
                    + "non-negative, got " + iterations + ", " + scoreSamples + " and " + lambda + ".");
        }
    }

    /**
     * The mask accuracy ||M* . M||_0 / ||M*||_0 this variant reaches on one trial.
     *
     * @param teacherSpec the teacher (Section 4.2: K = 5, d = 100, r = 20)
     * @param n           training samples
     * @param ratio       pruning ratio, the fraction of the d K weights removed
     * @param agd         the AGD settings of the warm-up
     * @param seed        the trial's seed: teacher, data, start and score samples are derived from it by name
     *                    (the same names as {@link TeacherTrial}, so variants of one trial see one teacher)
     * @return the mask accuracy in [0, 1]
     */
    public double maskAccuracy(TeacherSpec teacherSpec, int n, double ratio, AgdSpec agd, long seed) {
        Teacher teacher = Teacher.draw(teacherSpec, Rng.of(Seeds.derive(seed, "teacher")));
        double[][] wStar = teacher.weightsView();
        Dataset train = Dataset.draw(teacher, n, Seeds.derive(seed, "data"), true);
        SupportMask dense = SupportMask.dense(teacherSpec.d(), teacherSpec.k());
        NeuronParallel serial = NeuronParallel.sequential();
        double[][] start0 = switch (start) {
            case "lambda" -> TeacherTrial.perturb(wStar, dense, lambda, Rng.of(Seeds.derive(seed, "init")));
            case "random" -> randomOfNorm(wStar, Rng.of(Seeds.derive(seed, "init")));
            default -> TensorInitialiser.estimate(train, dense, Rng.of(Seeds.derive(seed, "tensor"))).weights();
        };
        Objective trainObjective = new SparseObjective(train, dense, teacherSpec.task(), serial);
        double[][] trained = iterations == 0 ? start0 : AgdSolver.solve(trainObjective, start0,
                agd.withMaxIterations(iterations).withTol(Double.MIN_VALUE), AgdListener.NONE).weights();
        Objective scoring = scoreSamples == 0 ? trainObjective : new SparseObjective(Dataset.draw(teacher, scoreSamples,
                Seeds.derive(seed, "score-data"), true), dense, teacherSpec.task(), serial);
        int k = trained.length;
        int d = trained[0].length;
        double[][] score = LearnerMasks.graspScores(scoring, trained);
        // keepLowest keeps the lowest ranks: rank = S to remove the largest S, -S to remove the smallest.
        double[][] rank = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < d; i++) {
                double s = score[j][i];
                rank[j][i] = switch (sign) {
                    case "remove-largest" -> s;
                    case "remove-smallest" -> -s;
                    default -> -Math.abs(s);
                };
            }
        }
        int keep = LearnerMasks.keptCount(d, k, ratio);
        SupportMask mask = perNeuron ? keepLowestPerNeuron(rank, keep) : LearnerMasks.keepLowest(rank, keep);
        return mask.accuracyAgainst(teacher.mask());
    }

    /** @return a one-line description for tables */
    public String describe() {
        String from = switch (start) {
            case "lambda" -> String.format(Locale.ROOT, "W* + %.2f||W*|| noise", lambda);
            case "random" -> "random (norm of W*)";
            default -> "tensor init";
        };
        return from + ", " + iterations + " AGD it., scores on " + (scoreSamples == 0 ? "the N training samples"
                : scoreSamples + " fresh samples") + ", " + (perNeuron ? "per-neuron" : "global") + ", " + sign;
    }

    private static double[][] randomOfNorm(double[][] wStar, Rng rng) {
        double[][] w = new double[wStar.length][wStar[0].length];
        double norm = 0;
        for (double[] row : w) {
            for (int i = 0; i < row.length; i++) {
                row[i] = rng.nextGaussian();
                norm += row[i] * row[i];
            }
        }
        double target = 0;
        for (double[] row : wStar) {
            for (double v : row) {
                target += v * v;
            }
        }
        double scale = Math.sqrt(target / norm);
        for (double[] row : w) {
            for (int i = 0; i < row.length; i++) {
                row[i] *= scale;
            }
        }
        return w;
    }

    /** Keeps round(keep / K) lowest ranks in every neuron (the remainder to the first neurons). */
    private static SupportMask keepLowestPerNeuron(double[][] rank, int keep) {
        int k = rank.length;
        int d = rank[0].length;
        int[][] supports = new int[k][];
        for (int j = 0; j < k; j++) {
            int mine = keep / k + (j < keep % k ? 1 : 0);
            final int row = j;
            Integer[] order = new Integer[d];
            for (int i = 0; i < d; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> rank[row][i]).thenComparingInt(i -> i));
            List<Integer> kept = new ArrayList<>(Arrays.asList(order).subList(0, mine));
            supports[j] = kept.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return SupportMask.of(d, supports);
    }
}
