package dev.jackpot.nn.data;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;

import java.util.Arrays;

/**
 * Training-time data augmentation, drawn per example and per step, never applied to evaluation.
 *
 * <p>Step t's draws come from the stream {@code Seeds.derive(seed, "augment", t)} with the run's
 * data-order seed, so like {@link EpochOrder} they depend only on {@code (seed, t)}: a run resumed
 * or rewound to step k sees exactly the augmented batches of an uninterrupted run. For each example
 * of the batch, in batch order, the stream gives the flip ({@code nextDouble() < 0.5}, probability
 * 1/2), then the crop's top offset {@code i} and left offset {@code j}, each uniform on
 * {@code 0 .. 2p} ({@link #PADDING} p = 4): torchvision's {@code RandomHorizontalFlip()} then
 * {@code RandomCrop(32, padding=4)}, the "flip + 4-px crop" of OpenLTH's CIFAR-10 training set
 * (weak-lth.md section 6, B1). See {@link ImageTransform} for the pixel mapping.
 */
public enum Augmentation {
    /** No augmentation: the batch is the normalised images as stored. */
    NONE,
    /** Horizontal flip with probability 1/2, then a random crop of the image zero-padded by 4 pixels. */
    FLIP_CROP;

    /** The stream name of the draws. */
    public static final String STREAM = "augment";

    /** Padding of the random crop, in pixels on every side. */
    public static final int PADDING = 4;

    /**
     * @param seed  the run's data-order seed
     * @param step  the training step t, from 0
     * @param count the examples in step t's batch, positive
     * @return one transform per example of the batch, in batch order (all identity for NONE)
     */
    public ImageTransform[] draw(long seed, long step, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("A batch has at least one example, got " + count + ".");
        }
        ImageTransform[] out = new ImageTransform[count];
        if (this == NONE) {
            Arrays.fill(out, ImageTransform.IDENTITY);
            return out;
        }
        Rng rng = Seeds.stream(seed, STREAM, step);
        for (int k = 0; k < count; k++) {
            boolean flip = rng.nextDouble() < 0.5;
            int i = rng.nextInt(2 * PADDING + 1);
            int j = rng.nextInt(2 * PADDING + 1);
            out[k] = new ImageTransform(flip, i - PADDING, j - PADDING);
        }
        return out;
    }
}
