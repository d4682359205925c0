package dev.jackpot.cli;

import dev.jackpot.nn.MklVendorCheck;
import dev.jackpot.nn.bench.NnBench;
import dev.jackpot.nn.model.Architecture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-PyTorch peer of {@code jackpot bench nn}: runs the bundled {@code pytorch_peer.py} (the same
 * network, SGD-momentum optimiser and learning rate, batch and data as the benchmark) with a given Python interpreter, in a
 * child process whose OpenBLAS, OpenMP and MKL thread counts are pinned to the benchmark's: with only
 * {@code torch.set_num_threads}, Debian's OpenBLAS keeps its own threads on every core, so a "one-thread"
 * peer silently computes its products on all of them.
 */
final class PytorchPeer {

    private static final Pattern MEDIAN = Pattern.compile("median ([0-9.]+) s");
    private static final Pattern TORCH = Pattern.compile(" torch (\\S+) ");
    private static final Pattern PARAMETERS = Pattern.compile("params ([0-9]+)");
    private static final Pattern GEMM = Pattern.compile("gemm ([0-9.]+) GF/s");

    /**
     * @param seconds    the median epoch, NaN when the peer did not run
     * @param torch      the peer's torch version, or null
     * @param parameters the peer network's trainable parameter count, -1 when it did not say
     * @param gemmGflops the peer's fp32 1024^3 product rate at its thread count, NaN when it did not say
     * @param line       the peer's result line, or why it did not run
     */
    record Outcome(double seconds, String torch, long parameters, double gemmGflops, String line) {
        static Outcome failed(String why) {
            return new Outcome(Double.NaN, null, -1, Double.NaN, why);
        }

        boolean ran() {
            return !Double.isNaN(seconds);
        }
    }

    private PytorchPeer() {
    }

    /** @return whether the peer script has a network of this architecture */
    static boolean supports(Architecture a) {
        return switch (a) {
            case LENET_300_100, LENET_5, CONV_2, CONV_4, CONV_6, RESNET_20 -> true;
        };
    }

    /**
     * @param python   the interpreter (a path or a name on PATH)
     * @param arch     the network
     * @param threads  intra-op threads, pinned for every library the peer uses
     * @param batch    batch size
     * @param examples training examples (the first ones of the training file)
     * @param epochs   measured epochs after one warm-up epoch
     * @param data     the directory of Fashion-MNIST's IDX files
     * @param timeoutSeconds how long the peer may run
     * @return its median epoch, or why it did not run
     */
    static Outcome run(String python, Architecture arch, int threads, int batch, int examples, int epochs, Path data,
                       long timeoutSeconds) {
        Path script = null;
        Path log = null;
        try {
            script = Files.createTempFile("jackpot-peer", ".py");
            log = Files.createTempFile("jackpot-peer", ".log");
            try (InputStream in = PytorchPeer.class.getResourceAsStream("pytorch_peer.py")) {
                if (in == null) {
                    return Outcome.failed("the peer script is missing from the jar");
                }
                Files.write(script, in.readAllBytes());
            }
            List<String> cmd = new ArrayList<>(List.of(python, script.toString(), String.valueOf(threads), arch.id(),
                    String.valueOf(batch), String.valueOf(examples), String.valueOf(epochs), data.toString(),
                    String.valueOf(NnBench.learningRate(arch))));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            for (String v : List.of("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")) {
                env.put(v, String.valueOf(threads));
            }
            // the peer runs as a user starts it: without the library that answers oneMKL's vendor checks for libtorch
            String preload = MklVendorCheck.without(env.get("LD_PRELOAD"));
            if (preload == null) {
                env.remove("LD_PRELOAD");
            } else {
                env.put("LD_PRELOAD", preload);
            }
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return Outcome.failed("cannot start '" + python + "': " + e.getMessage());
            }
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Outcome.failed("the peer ran past " + timeoutSeconds + " s");
            }
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            String last = text.isEmpty() ? "(no output)" : text.substring(text.lastIndexOf('\n') + 1);
            Matcher m = MEDIAN.matcher(last);
            if (p.exitValue() != 0 || !m.find()) {
                return Outcome.failed("'" + python + "' exited " + p.exitValue() + ": " + last);
            }
            Matcher t = TORCH.matcher(last);
            Matcher n = PARAMETERS.matcher(last);
            Matcher g = GEMM.matcher(last);
            return new Outcome(Double.parseDouble(m.group(1)), t.find() ? t.group(1) : null,
                    n.find() ? Long.parseLong(n.group(1)) : -1, g.find() ? Double.parseDouble(g.group(1)) : Double.NaN, last);
        } catch (IOException e) {
            return Outcome.failed("the peer failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
        } finally {
            for (Path f : new Path[] {script, log}) {
                if (f != null) {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException ignored) {
                        // a temporary file left behind is harmless
                    }
                }
            }
        }
    }
}
