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

    private static void check(ImageDataset a, ImageDataset b) {
        if (a.channels() != b.channels() || a.height() != b.height() || a.width() != b.width() || a.classes() != b.classes()) {
            throw new IllegalArgumentException("Datasets " + a + " and " + b + " differ in image shape or classes.");
        }
    }
}
