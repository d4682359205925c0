package dev.jackpot.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whether the oneMKL inside libtorch runs its instruction-set kernels on this CPU or its generic ones.
 *
 * <p>oneMKL (linked into DJL's libtorch) chooses its GEMM kernels by CPU vendor first: on AMD CPUs it takes a
 * generic path, whatever the instruction set. {@code ./jackpot} preloads {@value #LIBRARY} (built from
 * {@code jackpot-nn/src/main/native/mkl_vendor_check.c}) on AMD CPUs, which answers oneMKL's two vendor checks,
 * so it dispatches on the CPU's features as on Intel CPUs (LeNet-300-100's dense epoch 1.45x faster on the AMD
 * EPYC this project measures on). Dense results differ in the last bits between the two paths, so a run records
 * which one it had ({@link Compute#settings()}).
 */
public final class MklVendorCheck {

    /** The preloaded library's file name. */
    public static final String LIBRARY = "libjackpot-mkl-vendor.so";

    private static final String VENDOR = readVendor();
    private static final boolean LOADED = readLoaded();

    private MklVendorCheck() {
    }

    /**
     * @return whether {@value #LIBRARY} is loaded in this process: mapped, per {@code /proc/self/maps} (an
     *         {@code LD_PRELOAD} entry the loader could not open is ignored by it, so the variable alone could claim a
     *         path the run did not have); where that file cannot be read, whether {@code LD_PRELOAD} names it
     */
    public static boolean overridden() {
        return LOADED;
    }

    private static boolean readLoaded() {
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) {
            try (var lines = Files.lines(maps)) {
                return lines.anyMatch(l -> l.endsWith("/" + LIBRARY));
            } catch (IOException | RuntimeException e) {
                // fall through to the environment
            }
        }
        return overridden(System.getenv("LD_PRELOAD"));
    }

    static boolean overridden(String ldPreload) {
        return entries(ldPreload).anyMatch(MklVendorCheck::isLibrary);
    }

    /**
     * @param ldPreload an {@code LD_PRELOAD} value, or null
     * @return it without {@value #LIBRARY} (null if nothing is left): for child processes that should run as a user
     *         would start them, such as the plain-PyTorch peer of {@code bench nn}
     */
    public static String without(String ldPreload) {
        String rest = entries(ldPreload).filter(s -> !isLibrary(s)).collect(Collectors.joining(":"));
        return rest.isEmpty() ? null : rest;
    }

    /** The entries of an {@code LD_PRELOAD} value (the loader separates them by colons or spaces); none for null. */
    private static Stream<String> entries(String ldPreload) {
        return ldPreload == null ? Stream.empty() : Arrays.stream(ldPreload.split("[: ]")).filter(s -> !s.isEmpty());
    }

    private static boolean isLibrary(String entry) {
        return entry.equals(LIBRARY) || entry.endsWith("/" + LIBRARY);
    }

    /** @return the CPU's vendor string from {@code /proc/cpuinfo} (e.g. {@code AuthenticAMD}), or "unknown" */
    public static String cpuVendor() {
        return VENDOR;
    }

    private static String readVendor() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("vendor_id"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** @return one line for a run's settings and benchmark headers */
    public static String describe() {
        String vendor = cpuVendor();
        if (overridden()) {
            return "oneMKL vendor check answered by " + LIBRARY + " (instruction-set kernels; CPU " + vendor + ")";
        }
        return "oneMKL's own dispatch (CPU " + vendor + (vendor.equals("GenuineIntel") ? ")" : "; generic kernels off Intel)");
    }
}
