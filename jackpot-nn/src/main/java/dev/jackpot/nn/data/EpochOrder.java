package dev.jackpot.nn.data;

import dev.jackpot.rng.Seeds;

/**
 * The order in which one epoch visits the training examples: a uniform permutation drawn from the
 * stream {@code Seeds.derive(seed, "data-order", epoch)}. Epoch e's order depends only on the root
 * seed and e, so a run restarted at any step (rewinding, resuming) sees exactly the minibatches of
 * an uninterrupted run (weak-LTH design note, invariant 7). Unlike OpenLTH's {@code seed + epoch},
 * no two streams can collide.
 */
public final class EpochOrder {

    /** The stream name of the data order. */
    public static final String STREAM = "data-order";

    private EpochOrder() {
    }

    /**
     * @param seed  the run's root seed
     * @param epoch the epoch index, from 0
     * @param n     the number of training examples
     * @return a permutation of {@code 0 .. n-1}
     */
    public static int[] permutation(long seed, long epoch, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Seeds.stream(seed, STREAM, epoch).shuffle(order);
        return order;
    }
}
