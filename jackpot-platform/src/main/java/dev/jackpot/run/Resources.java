package dev.jackpot.run;

import java.util.Locale;

/**
 * Memory limits checked before work: a run estimates the bytes its sizes need and calls
 * {@link #requireHeap} before allocating, so a spec that cannot fit the JVM heap is refused in
 * milliseconds with a sentence naming the sizes, the estimate and the limit, instead of growing for
 * seconds and dying with an {@link OutOfMemoryError}.
 */
public final class Resources {

    /** Share of the heap limit a single run may plan to use: the rest is the JVM's and the run's small objects. */
    static final double USABLE_SHARE = 0.8;

    private Resources() {
    }

    /**
     * @param what  what needs the memory, e.g. {@code "teacher train"}
     * @param bytes the estimate, at least what the run will allocate at once
     * @param sizes the sizes it follows from, e.g. {@code "K = 1000000000, d = 100, N = 5000"}
     * @throws ResourceLimitException if the estimate exceeds {@link #USABLE_SHARE} of the heap limit
     */
    public static void requireHeap(String what, double bytes, String sizes) {
        long max = Runtime.getRuntime().maxMemory();
        if (!(bytes <= USABLE_SHARE * max)) {
            throw new ResourceLimitException(what + " needs about " + format(bytes) + " of memory for " + sizes
                    + ", more than the Java heap limit of " + format(max) + " allows; use smaller sizes, or raise the "
                    + "limit, e.g. JACKPOT_JAVA_OPTS=-Xmx" + Math.max(1, (long) Math.ceil(bytes / USABLE_SHARE / (1L << 30)))
                    + "g.");
        }
    }

    /**
     * @param bytes a size in bytes
     * @return it in binary units, e.g. {@code 3.9 GiB}, {@code 512 MiB}, {@code 12 KiB}
     */
    public static String format(double bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f %s", v, units[u])
                : String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /** A run refused because its estimated memory cannot fit the heap: a usage error (exit 2), not a failure. */
    public static final class ResourceLimitException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ResourceLimitException(String message) {
            super(message);
        }
    }
}
