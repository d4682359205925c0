package dev.jackpot.nn.data;

import java.util.Arrays;

/**
 * A labelled image dataset held as unsigned bytes: example {@code i}'s pixel {@code (c, y, x)} is
 * {@code pixels[((i * channels + c) * height + y) * width + x] & 0xFF} (N x C x H x W, the layout
 * of PyTorch tensors and of the CIFAR-10 binary files), its label {@code labels[i]} in
 * {@code [0, classes)}.
 *
 * <p>The arrays are not copied (datasets are large and read-only by convention).
 *
 * @param name     a human-readable name, e.g. {@code "fashion-mnist/train"}
 * @param channels C, at least 1
 * @param height   H, at least 1
 * @param width    W, at least 1
 * @param classes  number of classes, at least 2
 * @param pixels   {@code N * C * H * W} bytes
 * @param labels   {@code N} labels in {@code [0, classes)}
 */
public record ImageDataset(String name, int channels, int height, int width, int classes, byte[] pixels, byte[] labels) {

    public ImageDataset {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("Dataset " + name + " needs positive dimensions, got C=" + channels
                    + " H=" + height + " W=" + width + ".");
        }
        if (classes < 2 || classes > 256) {
            throw new IllegalArgumentException("Dataset " + name + " needs between 2 and 256 classes, got " + classes + ".");
        }
        long expected = (long) labels.length * channels * height * width;
        if (expected != pixels.length) {
            throw new IllegalArgumentException("Dataset " + name + " has " + labels.length + " labels, which need "
                    + expected + " pixel bytes, but holds " + pixels.length + ".");
        }
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i] & 0xFF;
            if (l >= classes) {
                throw new IllegalArgumentException("Dataset " + name + " has label " + l + " at example " + i
                        + ", outside [0, " + classes + ").");
            }
        }
    }

    /** @return the number of examples N */
    public int size() {
        return labels.length;
    }

    /** @return the number of pixels of one example, C * H * W */
    public int exampleSize() {
        return channels * height * width;
    }

    /** @return the label of example {@code i} */
    public int label(int i) {
        return labels[i] & 0xFF;
    }

    /** @return the number of examples of each class */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (byte l : labels) {
            counts[l & 0xFF]++;
        }
        return counts;
    }

    /**
     * @param indices example indices, in the order wanted (repeats allowed)
     * @return a new dataset holding copies of those examples
     * @throws IllegalArgumentException if an index is out of range
     */
    public ImageDataset subset(int[] indices) {
        int e = exampleSize();
        byte[] p = new byte[Math.multiplyExact(indices.length, e)];
        byte[] l = new byte[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("Index " + i + " is outside dataset " + name + " of " + size() + " examples.");
            }
            System.arraycopy(pixels, i * e, p, k * e, e);
            l[k] = labels[i];
        }
        return new ImageDataset(name + "[" + indices.length + "]", channels, height, width, classes, p, l);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageDataset d && name.equals(d.name) && channels == d.channels && height == d.height
                && width == d.width && classes == d.classes && Arrays.equals(pixels, d.pixels)
                && Arrays.equals(labels, d.labels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(labels) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return name + " (" + size() + " x " + channels + "x" + height + "x" + width + ", " + classes + " classes)";
    }
}
