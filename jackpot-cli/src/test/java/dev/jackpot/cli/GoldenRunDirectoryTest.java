package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.data.FashionMnist;
import dev.jackpot.run.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Golden run directories: a few commands, each from a different part of the toolkit, and the digest
 * of every file they write that does not carry a clock reading. The digests are pinned in
 * {@code golden/run-directories.txt}, so a change of layout, module or code path that alters a run
 * id, a file name, a spec, a result, a trajectory, a CSV or a ticket byte fails here.
 *
 * <p>What is left out, and why: {@code manifest.json} (start and end times), plots (rendered by
 * fonts of the machine), and reports (they state wall times); in {@code result.json} and other JSON
 * files the keys that hold a wall time or the absolute run path are dropped before hashing
 * (any key naming seconds), and the runs directory's path becomes {@code $OUT}. A zip
 * ({@code .npz}) is hashed by its entries' names and contents, since the zip format stamps each entry
 * with the time of writing, and a results store ({@code .sqlite}) by its rows with wall times zeroed. Everything else is hashed byte for byte (JSON after re-serialising, so that
 * the dropped keys leave no trace).
 */
class GoldenRunDirectoryTest {

    @TempDir
    Path out;

    @Test
    void theoryRunDirectoriesAreUnchanged() throws Exception {
        ok("teacher", "train", "--K", "3", "--d", "20", "--N", "300", "--r", "5", "--json");
        ok("subset-sum", "--random", "24", "--seed", "5", "--target", "0.3", "--json");
        ok("construct", "pensia", "--widths", "3,2", "--eps", "0.01", "--n", "12", "--seed", "3",
                "--test-points", "100", "--json");
        ok("strong", "neurons", "--widths", "25,100", "--repeats", "2", "--json");
        check("theory");
    }

    @Test
    void deepNetworkRunDirectoriesAreUnchanged() throws Exception {
        ok("prune-at-init", "--method", "synflow", "--density", "0.1", "--rounds", "3", "--synthetic", "--sparse-below", "0",
                "--examples", "120", "--test-examples", "60", "--epochs", "1", "--threads", "1",
                "--controls", "shuffle,reinit", "--json");
        checkOnSameCpu("nn");
    }

    @Test
    void lotteryRunDirectoryIsUnchanged() throws Exception {
        assumeTrue(FashionMnist.locate().isPresent(), "Fashion-MNIST is not installed");
        Path spec = out.resolve("tiny.yaml");
        Files.writeString(spec, "subsample: 200\ntestSubsample: 100\nepochs: 1\nlevels: 1\nreplicates: 1\n");
        ok("lottery", "--spec", spec.toString(), "--threads", "1", "--sparse-below", "0", "--json", "--quiet");
        Files.delete(spec);
        checkOnSameCpu("lottery");
    }

    /**
     * Compares the digests with the golden section; with {@code -Djackpot.golden.write=DIR} it first writes
     * the actual section to {@code DIR/NAME.txt}, for reviewing a deliberate change of output.
     */
    private void check(String name) throws IOException {
        String actual = digests();
        String dir = System.getProperty("jackpot.golden.write");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, name + ".txt"), "[" + name + "]\n" + actual);
        }
        assertEquals(expected(name), actual);
    }

    /**
     * As {@link #check}, for runs trained by libtorch: its kernels are bit-reproducible on one kind of
     * processor, but another instruction set may round differently. The golden section records the
     * processor it was taken on; on another one only the file names (so the run ids and layout) and the
     * specs are compared.
     */
    private void checkOnSameCpu(String name) throws IOException {
        String cpu = "# cpu: " + cpu() + "\n";
        String actual = cpu + digests();
        String dir = System.getProperty("jackpot.golden.write");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, name + ".txt"), "[" + name + "]\n" + actual);
        }
        String expected = expected(name);
        if (expected.startsWith(cpu)) {
            assertEquals(expected, actual);
        } else {
            assertEquals(namesAndSpecs(expected), namesAndSpecs(actual));
        }
    }

    private static String namesAndSpecs(String section) {
        StringBuilder b = new StringBuilder();
        for (String line : section.split("\n")) {
            if (!line.startsWith("#")) {
                b.append(line.contains("spec.yaml") ? line : line.split(" ")[0]).append('\n');
            }
        }
        return b.toString();
    }

    /** The processor's model and its AVX-512 support, from {@code /proc/cpuinfo} where there is one. */
    private static String cpu() {
        try {
            List<String> info = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String model = info.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
            boolean avx512 = info.stream().anyMatch(l -> l.startsWith("flags") && l.contains(" avx512f"));
            return model + (avx512 ? ", avx512" : "") + ", " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private void ok(String... args) {
        String[] withOut = java.util.Arrays.copyOf(args, args.length + 2);
        withOut[args.length] = "--out";
        withOut[args.length + 1] = out.toString();
        Cli c = Cli.run(withOut);
        assertEquals(ExitCodes.OK, c.exit, c.err);
    }

    /** One line per pinned file: its path relative to the runs directory, then its digest. */
    private String digests() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            // run.lock holds the pid of the process that last computed there: not output.
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(RunLock.FILE)).sorted()::iterator) {
                String rel = out.relativize(p).toString().replace('\\', '/');
                String name = p.getFileName().toString();
                if (name.equals("manifest.json") || name.startsWith("report.") || rel.contains("/plots/")
                        || name.endsWith(".png") || name.endsWith(".svg") || name.endsWith(".db")
                        || name.endsWith(".db-journal") || name.endsWith(".db-wal") || name.endsWith(".lock")
                        || name.endsWith(".sqlite-wal") || name.endsWith(".sqlite-shm")) {
                    lines.add(rel);
                    continue;
                }
                byte[] bytes = Files.readAllBytes(p);
                if (name.endsWith(".json")) {
                    JsonNode node = SpecCodec.json().readTree(bytes);
                    bytes = SpecCodec.json().writeValueAsString(strip(node)).replace(out.toString(), "$OUT")
                            .getBytes(StandardCharsets.UTF_8);
                } else if (name.endsWith(".npz")) {
                    bytes = zipEntries(p);
                } else if (name.endsWith(".sqlite")) {
                    bytes = storeRows(p);
                }
                lines.add(rel + " " + sha256(bytes));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** A results store's rows as exported JSON, wall times zeroed (the file itself stamps each row's time). */
    private static byte[] storeRows(Path sqlite) throws IOException {
        try (dev.jackpot.store.ResultStore store = dev.jackpot.store.ResultStore.open(sqlite)) {
            java.io.StringWriter w = new java.io.StringWriter();
            dev.jackpot.store.ResultExport.writeJson(store.rows().stream().map(r -> new dev.jackpot.store.TrialRow(
                    r.key(), r.cell(), r.trial(), r.seed(), r.coordinates(), r.metrics(), r.status(), r.error(), 0))
                    .toList(), w);
            return w.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Each entry's name and bytes in order, without the zip's time stamps. */
    private static byte[] zipEntries(Path zip) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                all.write(e.getName().getBytes(StandardCharsets.UTF_8));
                all.write(0);
                all.write(in.readAllBytes());
            }
        }
        return all.toByteArray();
    }

    private static JsonNode strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<String> names = o.fieldNames();
            List<String> drop = new ArrayList<>();
            while (names.hasNext()) {
                String n = names.next();
                if (n.toLowerCase(java.util.Locale.ROOT).contains("seconds")) {
                    drop.add(n);
                } else {
                    strip(o.get(n));
                }
            }
            o.remove(drop);
        } else if (node instanceof ArrayNode a) {
            a.forEach(GoldenRunDirectoryTest::strip);
        }
        return node;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The section {@code [name]} of the golden file. */
    private static String expected(String name) throws IOException {
        try (InputStream in = GoldenRunDirectoryTest.class.getResourceAsStream("/golden/run-directories.txt")) {
            if (in == null) {
                throw new AssertionError("golden/run-directories.txt is missing from the test resources");
            }
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = all.indexOf("[" + name + "]\n");
            if (start < 0) {
                throw new AssertionError("golden/run-directories.txt has no section [" + name + "]");
            }
            start += name.length() + 3;
            int end = all.indexOf("\n[", start);
            return all.substring(start, end < 0 ? all.length() : end + 1);
        }
    }
}
