package dev.jackpot.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MklVendorCheckTest {

    /** oneMKL's name for its generic path in the MKL_VERBOSE header. */
    private static final String GENERIC = "Intel(R) Architecture processors";

    @Test
    void findsTheLibraryInAPreloadListAndRemovesOnlyIt() {
        assertTrue(MklVendorCheck.overridden("/x/target/native/libjackpot-mkl-vendor.so"));
        assertTrue(MklVendorCheck.overridden("libother.so:/x/libjackpot-mkl-vendor.so"));
        assertFalse(MklVendorCheck.overridden("/x/libjackpot-mkl-vendor.so.bak"));
        assertFalse(MklVendorCheck.overridden(null));
        assertEquals("libother.so:/y/libz.so", MklVendorCheck.without("libother.so:/x/libjackpot-mkl-vendor.so /y/libz.so"));
        assertNull(MklVendorCheck.without("/x/libjackpot-mkl-vendor.so"));
        assertNull(MklVendorCheck.without(null));
    }

    /**
     * Builds the preload library as {@code ./jackpot} does and runs one product in a child JVM with and without it.
     * Both products match a double-precision reference; on a non-Intel CPU with AVX2 oneMKL reports its generic
     * path without the library and an instruction-set path with it (on an Intel CPU both report the latter).
     */
    @Test
    void theLibraryMovesOneMklOffItsGenericPathAndTheProductStaysRight(@TempDir Path dir) throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").equals("amd64"), "the library is for Linux x86-64");
        Path so = dir.resolve(MklVendorCheck.LIBRARY);
        Path src = Path.of("src/main/native/mkl_vendor_check.c").toAbsolutePath();
        assertTrue(Files.isRegularFile(src), src + " is missing");
        Result cc = run(List.of("cc", "-shared", "-fPIC", "-O2", "-o", so.toString(), src.toString()), null, 60);
        assumeTrue(cc != null && cc.code == 0, "no working C compiler (cc) here");

        Result generic = probe(null);
        Result answered = probe(so);
        double eGeneric = error(generic);
        double eAnswered = error(answered);
        assertTrue(eGeneric < 1e-5, "product error " + eGeneric + " on oneMKL's own dispatch");
        assertTrue(eAnswered < 1e-5, "product error " + eAnswered + " with the vendor check answered");
        assertTrue(answered.output.contains("probe overridden true"), "the library is loaded but not reported: " + answered.output);
        assertTrue(generic.output.contains("probe overridden false"), "reported without the library: " + generic.output);
        Result missing = probe(dir.resolve("absent").resolve(MklVendorCheck.LIBRARY));
        assertTrue(missing.output.contains("probe overridden false"),
                "an LD_PRELOAD entry the loader ignored was reported as loaded: " + missing.output);
        String vendor = MklVendorCheck.cpuVendor();
        boolean avx2 = Files.readString(Path.of("/proc/cpuinfo")).contains(" avx2");
        String h = header(answered);
        if (avx2) {
            assertFalse(h.contains(GENERIC), "oneMKL stayed on its generic path with the library: " + h);
        }
        if (!vendor.equals("GenuineIntel") && avx2) {
            assertTrue(header(generic).contains(GENERIC), "expected the generic path without the library on " + vendor
                    + ": " + header(generic));
        }
    }

    private static Result probe(Path preload) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MklProbe.class.getName());
        Result r = run(cmd, preload, 300);
        if (r == null || r.code != 0) {
            fail("the probe failed: " + (r == null ? "did not start" : r.output));
        }
        return r;
    }

    private static double error(Result r) {
        Matcher m = Pattern.compile("probe error (\\S+)").matcher(r.output);
        assertTrue(m.find(), "no probe result in: " + r.output);
        return Double.parseDouble(m.group(1));
    }

    private static String header(Result r) {
        return r.output.lines().filter(l -> l.startsWith("MKL_VERBOSE oneMKL")).findFirst()
                .orElseGet(() -> fail("oneMKL printed no MKL_VERBOSE header: " + r.output));
    }

    private record Result(int code, String output) {
    }

    /** @return the command's exit code and output, or null if it could not start */
    private static Result run(List<String> cmd, Path preload, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("LD_PRELOAD");
        pb.environment().put("MKL_VERBOSE", "1");
        if (preload != null) {
            pb.environment().put("LD_PRELOAD", preload.toString());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return null;
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(cmd.get(0) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
