package dev.jackpot.nn.data;

/**
 * One example's augmentation: an optional horizontal flip followed by a translation with zero
 * padding (torchvision's {@code RandomHorizontalFlip} then {@code RandomCrop(size, padding)}, the
 * order of OpenLTH's CIFAR-10 pipeline).
 *
 * <p>Output pixel {@code (y, x)} of every channel is the flipped image's pixel
 * {@code (y + dy, x + dx)}, where the flipped image is {@code f(r, c) = src(r, W - 1 - c)} if
 * {@code flip} and {@code src(r, c)} otherwise; positions outside the image read the raw pixel
 * value 0 (black), as torchvision pads the image before {@code ToTensor} and {@code Normalize}. A
 * crop of a {@code p}-padded image at top-left offset {@code (i, j)}, {@code 0 <= i, j <= 2p}, is
 * {@code dy = i - p}, {@code dx = j - p}.
 *
 * @param flip whether to mirror the columns first
 * @param dy   row shift, any int (|dy| &gt;= H gives an all-padding image)
 * @param dx   column shift
 */
public record ImageTransform(boolean flip, int dy, int dx) {

    /** No flip, no shift. */
    public static final ImageTransform IDENTITY = new ImageTransform(false, 0, 0);

    /** @return whether this transform leaves every image unchanged */
    public boolean isIdentity() {
        return !flip && dy == 0 && dx == 0;
    }
}
