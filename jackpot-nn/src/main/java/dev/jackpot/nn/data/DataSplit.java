package dev.jackpot.nn.data;

import java.util.Objects;
import java.util.Optional;

/**
 * The data of one training run: a training set, an optional validation set (used for the
 * early-stopping iteration) and a test set, all with the same image shape and classes.
 *
 * @param train      training examples
 * @param validation validation examples, or empty
 * @param test       test examples
 */
public record DataSplit(ImageDataset train, Optional<ImageDataset> validation, ImageDataset test) {

    public DataSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        check(train, test);
        validation.ifPresent(v -> check(train, v));
    }

    /** A split without a validation set. */
    public static DataSplit of(ImageDataset train, ImageDataset test) {
        return new DataSplit(train, Optional.empty(), test);
    }

    /**
     * Moves {@code count} training examples, chosen uniformly, into the validation set (Frankle and
     * Carbin hold out 5,000 of MNIST's 60,000). Both parts keep the file's order.
     *
     * @param count how many, {@code 1 <= count < train.size()}
     * @param rng   the generator, e.g. {@code Seeds.stream(seed, "validation")}
     * @return a split with the smaller training set, the held-out validation set and the same test set
     * @throws IllegalArgumentException if {@code count} is out of range or a validation set exists
     */
    public DataSplit holdOutValidation(int count, dev.jackpot.rng.Rng rng) {
        if (validation.isPresent()) {
            throw new IllegalArgumentException("This split already has a validation set.");
        }
        if (count < 1 || count >= train.size()) {
            throw new IllegalArgumentException("The validation set must hold between 1 and " + (train.size() - 1)
                    + " examples, got " + count + ".");
        }
        int[] chosen = Subsample.uniform(train, count, rng);
        boolean[] held = new boolean[train.size()];
        for (int i : chosen) {
            held[i] = true;
        }
        int[] rest = new int[train.size() - count];
        int k = 0;
        for (int i = 0; i < held.length; i++) {
            if (!held[i]) {
                rest[k++] = i;
            }
        }
        return new DataSplit(train.subset(rest), Optional.of(train.subset(chosen)), test);
    }

    private static void check(ImageDataset a, ImageDataset b) {
        if (a.channels() != b.channels() || a.height() != b.height() || a.width() != b.width() || a.classes() != b.classes()) {
            throw new IllegalArgumentException("Datasets " + a + " and " + b + " differ in image shape or classes.");
        }
    }
}
