package dev.jackpot.nn.popup;

/**
 * The frozen random weights of edge-popup (Ramanujan et al. 2020, section 4; hidden-networks'
 * {@code ukn} and {@code usc}), with {@code sigma = sqrt(2 / fan_in)}.
 */
public enum WeightInit {
    /** {@code W ~ N(0, sigma^2)}. */
    KAIMING_NORMAL,
    /** {@code W = +-sigma} with a fair random sign. */
    SIGNED_CONSTANT;

    /**
     * @param name {@code kaiming-normal} or {@code signed-constant} (case and {@code _}/{@code -} ignored)
     * @return the init
     */
    public static WeightInit parse(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (WeightInit w : values()) {
            if (w.name().equals(n)) {
                return w;
            }
        }
        throw new IllegalArgumentException("Unknown weight init '" + name + "'; use kaiming-normal or signed-constant.");
    }
}
