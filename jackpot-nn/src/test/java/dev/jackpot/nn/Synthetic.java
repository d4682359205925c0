package dev.jackpot.nn;

import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;

/** Small learnable image datasets for tests: each class is a random prototype plus noise. */
public final class Synthetic {

    private Synthetic() {
    }

    /**
     * @param name     dataset name
     * @param n        examples
     * @param c        channels
     * @param h        height
     * @param w        width
     * @param classes  classes
     * @param seed     seed of the prototypes (shared between train and test)
     * @param sample   seed of the examples
     * @return the dataset
     */
    public static ImageDataset images(String name, int n, int c, int h, int w, int classes, long seed, long sample) {
        int e = c * h * w;
        Rng protoRng = Seeds.stream(seed, "prototypes");
        double[][] proto = new double[classes][e];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < e; j++) {
                proto[k][j] = protoRng.uniform(40, 215);
            }
        }
        Rng rng = Seeds.stream(sample, "examples");
        byte[] pixels = new byte[n * e];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int k = i % classes;
            labels[i] = (byte) k;
            for (int j = 0; j < e; j++) {
                double v = proto[k][j] + 60 * rng.nextGaussian();
                pixels[i * e + j] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return new ImageDataset(name, c, h, w, classes, pixels, labels);
    }
}
