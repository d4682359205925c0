package dev.jackpot.nn.popup;

/** Progress of an edge-popup or PGD run; library code reports here and never prints. */
public interface PopupListener {

    /** Ignores everything. */
    PopupListener NONE = new PopupListener() {
    };

    /** After step {@code step} of {@code total}, with the minibatch loss. */
    default void onStep(long step, long total, double loss) {
    }

    /** After epoch {@code epoch} (from 0), with its mean training loss. */
    default void onEpoch(int epoch, double meanLoss) {
    }
}
