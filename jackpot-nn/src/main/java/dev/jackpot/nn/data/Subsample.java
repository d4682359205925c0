package dev.jackpot.nn.data;

import dev.jackpot.rng.Rng;

import java.util.Arrays;

/**
 * Deterministic subsampling to N examples, as in the real-data experiments of Zhang et al.,
 * "Why Lottery Ticket Wins?" (NeurIPS 2021, Figs 11-12), which train on a fixed fraction of the data.
 * The chosen indices depend only on the dataset and the generator's seed (derive it by name, e.g.
 * {@code Seeds.stream(seed, "subsample")}).
 */
public final class Subsample {

    private Subsample() {
    }

    /**
     * Chooses {@code n} distinct examples uniformly at random.
     *
     * @param data the dataset
     * @param n    how many, 1 &lt;= n &lt;= data.size()
     * @param rng  the generator
     * @return the chosen indices, ascending (so the subset keeps the file's order)
     * @throws IllegalArgumentException if {@code n} is out of range
     */
    public static int[] uniform(ImageDataset data, int n, Rng rng) {
        check(data, n);
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        int[] chosen = rng.sample(all, n);
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * Chooses {@code n} examples with the classes as equal as possible: each class gets
     * {@code floor(n / classes)}, and the remainder goes one each to the lowest-numbered classes.
     * Within a class the examples are drawn uniformly without replacement.
     *
     * @param data the dataset
     * @param n    how many, 1 &lt;= n &lt;= data.size()
     * @param rng  the generator
     * @return the chosen indices, ascending
     * @throws IllegalArgumentException if {@code n} is out of range or a class has too few examples
     */
    public static int[] balanced(ImageDataset data, int n, Rng rng) {
        check(data, n);
        int k = data.classes();
        int[] counts = data.classCounts();
        int[][] byClass = new int[k][];
        int[] fill = new int[k];
        for (int c = 0; c < k; c++) {
            byClass[c] = new int[counts[c]];
        }
        for (int i = 0; i < data.size(); i++) {
            int c = data.label(i);
            byClass[c][fill[c]++] = i;
        }
        int[] out = new int[n];
        int at = 0;
        for (int c = 0; c < k; c++) {
            int want = n / k + (c < n % k ? 1 : 0);
            if (want > counts[c]) {
                throw new IllegalArgumentException("A class-balanced subsample of " + n + " from " + data
                        + " needs " + want + " examples of class " + c + ", which has only " + counts[c] + ".");
            }
            int[] pick = rng.sample(byClass[c], want);
            System.arraycopy(pick, 0, out, at, want);
            at += want;
        }
        Arrays.sort(out);
        return out;
    }

    private static void check(ImageDataset data, int n) {
        if (n < 1 || n > data.size()) {
            throw new IllegalArgumentException("A subsample must have between 1 and " + data.size()
                    + " examples (the size of " + data.name() + "), got " + n + ".");
        }
    }
}
