package dev.jackpot.nn.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flip and padded crop of {@link ImageTransform} entry by entry, and the seeded draws of {@link Augmentation}. */
class AugmentationTest {

    /** Raw pixel of the hand-made 3 x 4 x 4 image: 1 + 16c + 4y + x, so no pixel is the padding value 0. */
    private static int v(int c, int y, int x) {
        return 1 + 16 * c + 4 * y + x;
    }

    private static final int[][] IMAGE = {
            {1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}};

    /** One-example dataset of channel grids {@code g + 16c} (0 stays 0: padding). */
    private static ImageDataset single(int[][] channel0) {
        byte[] p = new byte[3 * 16];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    int g = channel0[y][x];
                    p[c * 16 + y * 4 + x] = (byte) (g == 0 ? 0 : g + 16 * c);
                }
            }
        }
        return new ImageDataset("hand", 3, 4, 4, 2, p, new byte[] {0});
    }

    private static final Normalisation UNIT = Normalisation.unit(3);
    private static final Normalisation CENTRED = new Normalisation(new float[] {0.5f, 0.25f, 0.1f},
            new float[] {0.2f, 0.3f, 0.4f});

    /** The transformed batch of the image equals, bit for bit, the plain batch of the expected image. */
    private static void assertTransform(ImageTransform t, int[][] expected) {
        ImageDataset in = single(IMAGE);
        for (Normalisation n : new Normalisation[] {UNIT, CENTRED}) {
            float[] got = Batches.features(in, n, new int[] {0}, 0, 1, new ImageTransform[] {t});
            float[] want = Batches.features(single(expected), n, new int[] {0}, 0, 1);
            for (int i = 0; i < want.length; i++) {
                assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                        t + " entry " + i + " (c " + i / 16 + ", y " + (i % 16) / 4 + ", x " + i % 4 + ") with " + n);
            }
        }
    }

    @Test
    void theHandMadeImageChecksItself() {
        ImageDataset in = single(IMAGE);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    assertEquals(v(c, y, x), in.pixels()[c * 16 + y * 4 + x] & 0xFF);
                }
            }
        }
    }

    @Test
    void flipMirrorsTheColumnsOfEveryChannel() {
        assertTransform(new ImageTransform(true, 0, 0), new int[][] {
                {4, 3, 2, 1}, {8, 7, 6, 5}, {12, 11, 10, 9}, {16, 15, 14, 13}});
    }

    @Test
    void cropShiftsAndPadsWithThePixelZero() {
        // out(y, x) = src(y + 1, x - 2): two padded columns on the left, a padded row at the bottom
        assertTransform(new ImageTransform(false, 1, -2), new int[][] {
                {0, 0, 5, 6}, {0, 0, 9, 10}, {0, 0, 13, 14}, {0, 0, 0, 0}});
        // out(y, x) = src(y - 4, x + 4): torchvision's corner crop (i = 0, j = 8) of a 4-padded 4 x 4 image
        assertTransform(new ImageTransform(false, -4, 4), new int[][] {
                {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}});
        assertTransform(ImageTransform.IDENTITY, IMAGE);
    }

    @Test
    void flipComesBeforeTheCrop() {
        // out(y, x) = flipped(y - 1, x + 3) = src(y - 1, 3 - (x + 3)) = src(y - 1, -x): only x = 0 is inside
        assertTransform(new ImageTransform(true, -1, 3), new int[][] {
                {0, 0, 0, 0}, {1, 0, 0, 0}, {5, 0, 0, 0}, {9, 0, 0, 0}});
        // flipped(y + 2, x - 1) = src(y + 2, 4 - x) for x >= 1
        assertTransform(new ImageTransform(true, 2, -1), new int[][] {
                {0, 12, 11, 10}, {0, 16, 15, 14}, {0, 0, 0, 0}, {0, 0, 0, 0}});
    }

    @Test
    void eachExampleOfABatchGetsItsOwnTransformAndIdentityIsBitIdentical() {
        ImageDataset two = new ImageDataset("two", 3, 4, 4, 2,
                concat(single(IMAGE).pixels(), single(new int[][] {
                        {4, 3, 2, 1}, {8, 7, 6, 5}, {12, 11, 10, 9}, {16, 15, 14, 13}}).pixels()), new byte[] {0, 1});
        int[] order = {1, 0};
        float[] plain = Batches.features(two, CENTRED, order, 0, 2);
        float[] none = Batches.features(two, CENTRED, order, 0, 2, Augmentation.NONE.draw(7, 3, 2));
        assertArrayEquals(plain, none); // float arrays compare bit patterns: -0.0 differs from 0.0
        // flipping example order[0] = 1 (the mirrored image) gives back the image; example 0 stays as it is
        float[] got = Batches.features(two, CENTRED, order, 0, 2,
                new ImageTransform[] {new ImageTransform(true, 0, 0), ImageTransform.IDENTITY});
        float[] image = Batches.features(two, CENTRED, new int[] {0}, 0, 1);
        assertArrayEquals(image, Arrays.copyOfRange(got, 0, 48));
        assertArrayEquals(image, Arrays.copyOfRange(got, 48, 96));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Batches.features(two, CENTRED, order, 0, 2, new ImageTransform[1]));
        assertTrue(e.getMessage().contains("One transform per example"), e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void drawsDependOnlyOnSeedAndStep() {
        ImageTransform[] a = Augmentation.FLIP_CROP.draw(11, 5, 64);
        assertArrayEquals(a, Augmentation.FLIP_CROP.draw(11, 5, 64));
        assertFalse(Arrays.equals(a, Augmentation.FLIP_CROP.draw(11, 6, 64)), "another step draws anew");
        assertFalse(Arrays.equals(a, Augmentation.FLIP_CROP.draw(12, 5, 64)), "another seed draws anew");
        // a shorter (last) batch of the same step is a prefix: draws are made in batch order
        assertArrayEquals(Arrays.copyOf(a, 10), Augmentation.FLIP_CROP.draw(11, 5, 10));
        for (ImageTransform t : Augmentation.NONE.draw(11, 5, 4)) {
            assertTrue(t.isIdentity());
        }
        assertThrows(IllegalArgumentException.class, () -> Augmentation.FLIP_CROP.draw(11, 5, 0));
    }

    @Test
    void drawsCoverEveryOffsetAndFlipHalfTheTime() {
        int n = 0;
        int flips = 0;
        Set<Integer> dys = new HashSet<>();
        Set<Integer> dxs = new HashSet<>();
        for (long step = 0; step < 40; step++) {
            for (ImageTransform t : Augmentation.FLIP_CROP.draw(3, step, 100)) {
                n++;
                flips += t.flip() ? 1 : 0;
                dys.add(t.dy());
                dxs.add(t.dx());
            }
        }
        Set<Integer> offsets = new HashSet<>();
        for (int d = -Augmentation.PADDING; d <= Augmentation.PADDING; d++) {
            offsets.add(d);
        }
        assertEquals(offsets, dys);
        assertEquals(offsets, dxs);
        // 4,000 fair coins: the flip rate is within 0.5 +- 0.04 (5 standard deviations)
        assertEquals(0.5, flips / (double) n, 0.04);
    }
}
