package dev.jackpot.nn.popup;

import java.util.List;
import java.util.Objects;

/**
 * The sparsity x eps experiment of Xiong, Liao and Kyrillidis (AISTATS 2023) on an MLP
 * (784-hidden-10, no biases) and Fashion-MNIST: for every eps, projected SGD from the random weights
 * ({@link ProjectedSgd}), then edge-popup over the perturbed weights for every pruned fraction s
 * (k = 1 - s kept per layer), keeping the s of least validation loss.
 *
 * @param preset        name of the preset ({@code quick}, {@code paper} or {@code custom})
 * @param hidden        hidden widths of the MLP
 * @param examples      training examples (class-balanced subsample)
 * @param validation    further training examples held out to select s
 * @param testExamples  test examples (a uniform subsample; the whole test set when larger)
 * @param epsilons      radii, ascending, non-negative (0 = plain edge-popup)
 * @param pruned        fractions PRUNED, ascending, each in [0, 1)
 * @param pgdEpochs     epochs of projected SGD
 * @param popupEpochs   epochs of edge-popup per sparsity
 * @param batchSize     examples per step
 * @param pgdLr         PGD learning rate (momentum 0.9, cosine)
 * @param seed          root seed
 */
public record PerturbSpec(String preset, List<Integer> hidden, int examples, int validation, int testExamples,
                          List<Double> epsilons, List<Double> pruned, int pgdEpochs, int popupEpochs, int batchSize,
                          double pgdLr, long seed) {

    /** The paper's eps grid (the table's last column is 3e-1 on the poster and 4e-1 on the slides). */
    public static final List<Double> PAPER_EPS = List.of(0.0, 1e-3, 5e-3, 1e-2, 2e-2, 3e-2, 4e-2, 5e-2, 0.1, 0.2, 0.4);

    public PerturbSpec {
        Objects.requireNonNull(preset, "preset");
        hidden = List.copyOf(hidden);
        epsilons = List.copyOf(epsilons);
        pruned = List.copyOf(pruned);
        if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("The MLP needs positive hidden widths, got " + hidden + ".");
        }
        if (examples < 1 || validation < 1 || testExamples < 1) {
            throw new IllegalArgumentException("Training, validation and test example counts must be positive, got "
                    + examples + ", " + validation + " and " + testExamples + ".");
        }
        ascending("eps", epsilons);
        ascending("sparsity", pruned);
        for (double e : epsilons) {
            if (!(e >= 0) || Double.isInfinite(e)) {
                throw new IllegalArgumentException("Every eps must be finite and non-negative, got " + e + ".");
            }
        }
        for (double s : pruned) {
            if (!(s >= 0 && s < 1)) {
                throw new IllegalArgumentException("Every sparsity (fraction pruned) must be in [0, 1), got " + s + ".");
            }
        }
        if (pgdEpochs < 1 || popupEpochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("Epochs and batch size must be positive, got PGD " + pgdEpochs
                    + ", edge-popup " + popupEpochs + ", batch " + batchSize + ".");
        }
        if (!(pgdLr > 0)) {
            throw new IllegalArgumentException("The PGD learning rate must be positive, got " + pgdLr + ".");
        }
    }

    private static void ascending(String what, List<Double> v) {
        if (v.isEmpty()) {
            throw new IllegalArgumentException("The " + what + " list is empty.");
        }
        for (int i = 1; i < v.size(); i++) {
            if (!(v.get(i) > v.get(i - 1))) {
                throw new IllegalArgumentException("The " + what + " list must be strictly ascending, got " + v + ".");
            }
        }
    }

    /**
     * CPU-sized (minutes on 2 cores): 784-100-10, 1,000 examples (+500 validation), 2,000 test, batch 100,
     * PGD 3 epochs, edge-popup 5 epochs per cell, s in {0.1, 0.3, 0.5, 0.7, 0.9}, the paper's eps grid.
     */
    public static PerturbSpec quick(long seed) {
        return new PerturbSpec("quick", List.of(100), 1000, 500, 2000, PAPER_EPS, List.of(0.1, 0.3, 0.5, 0.7, 0.9),
                3, 5, 100, 0.05, seed);
    }

    /** The full grid: LeNet-300-100 without biases, 55,000 examples (+5,000 validation), the whole test set, batch 128, PGD 10 and edge-popup 10 epochs, s in {0.1, ..., 0.9}. */
    public static PerturbSpec paper(long seed) {
        return new PerturbSpec("paper", List.of(300, 100), 55000, 5000, 10000, PAPER_EPS,
                List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9), 10, 10, 128, 0.05, seed);
    }

    /** @return this spec with other grids (kept preset name becomes {@code custom} when they differ) */
    public PerturbSpec withGrids(List<Double> eps, List<Double> sparsity) {
        boolean same = eps.equals(epsilons) && sparsity.equals(pruned);
        return new PerturbSpec(same ? preset : "custom", hidden, examples, validation, testExamples, eps, sparsity,
                pgdEpochs, popupEpochs, batchSize, pgdLr, seed);
    }

    /** @return this spec with other data sizes and seed */
    public PerturbSpec withData(int train, int test, long newSeed) {
        return new PerturbSpec("custom", hidden, train, validation, test, epsilons, pruned, pgdEpochs, popupEpochs,
                batchSize, pgdLr, newSeed);
    }
}
