package dev.jackpot.ticket;

import dev.jackpot.rng.Rng;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class TicketFilesTest {

    @TempDir
    Path dir;

    static final float[] SPECIAL = {-0.0f, 0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.intBitsToFloat(0x007fffff),
        Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffa00123), Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MAX_VALUE, 1.5f, -2.25f};

    /** A ticket with two prunable tensors, a bias and special values in every group. */
    static Ticket sample(int scale) {
        Rng rng = Rng.of(scale);
        NamedTensor m1 = new NamedTensor("fc1.weight", new int[]{3, 4 * scale}, new float[12 * scale]);
        NamedTensor m2 = new NamedTensor("fc2.weight", new int[]{2, 3}, new float[]{1, 0, 1, 1, 0, 1});
        for (int i = 0; i < m1.size(); i++) {
            m1.values()[i] = rng.nextDouble() < 0.5 ? 1f : 0f;
        }
        TensorSet masks = TensorSet.of(m1, m2);
        return new Ticket(masks, weights(masks, rng, false), weights(masks, rng, true), weights(masks, rng, true),
                "{\"seed\": 7, \"note\": \"ünïcödé \\\"quoted\\\"\"}", Map.of("level", "3", "branch", "main"));
    }

    private static TensorSet weights(TensorSet masks, Rng rng, boolean masked) {
        NamedTensor w1 = new NamedTensor("fc1.weight", masks.get("fc1.weight").shape().clone(),
                new float[masks.get("fc1.weight").size()]);
        NamedTensor w2 = new NamedTensor("fc2.weight", new int[]{2, 3}, new float[6]);
        NamedTensor b = new NamedTensor("fc1.bias", new int[]{3}, new float[]{SPECIAL[5], -0.0f, Float.MIN_VALUE});
        NamedTensor scalar = new NamedTensor("scale", new int[]{}, new float[]{SPECIAL[6]});
        for (NamedTensor w : new NamedTensor[]{w1, w2}) {
            float[] m = masks.get(w.name()).values();
            for (int i = 0; i < w.size(); i++) {
                float v = i < SPECIAL.length && w == w1 ? SPECIAL[i] : (float) rng.nextGaussian();
                w.values()[i] = masked && m[i] == 0f ? 0f : v;
            }
        }
        return TensorSet.of(w1, b, w2, scalar);
    }

    private byte[] bytes(Ticket t, TicketFormat f) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TicketFiles.write(t, f, out);
        return out.toByteArray();
    }

    @Test
    void roundTripIsBitIdenticalInBothFormats() throws IOException {
        Ticket t = sample(2);
        for (TicketFormat f : TicketFormat.values()) {
            Path p = dir.resolve("t" + f.extension());
            TicketFiles.write(t, p);
            Ticket back = TicketFiles.read(p);
            assertTrue(back.sameAs(t), f.toString());
            assertEquals(t.specJson(), back.specJson());
            assertEquals(Map.of("level", "3", "branch", "main"), back.metadata());
            assertEquals(Arrays.asList("fc1.weight", "fc1.bias", "fc2.weight", "scale"), back.finalWeights().names());
            assertEquals(0x7fc00001, Float.floatToRawIntBits(back.initialWeights().get("fc1.weight").values()[5]));
            assertEquals(0, back.maskedNonZeroFinal());
        }
    }

    @Test
    void outputIsDeterministicAndConversionIsLossless() throws IOException {
        Ticket t = sample(1);
        for (TicketFormat f : TicketFormat.values()) {
            assertArrayEquals(bytes(t, f), bytes(sample(1), f));
        }
        Path npz = dir.resolve("a.npz");
        Path st = dir.resolve("b.safetensors");
        Path npz2 = dir.resolve("c.npz");
        TicketFiles.write(t, npz);
        TicketFiles.write(TicketFiles.read(npz), st);
        TicketFiles.write(TicketFiles.read(st), npz2);
        assertArrayEquals(Files.readAllBytes(npz), Files.readAllBytes(npz2));
        // safetensors: 8-byte length, header padded to 8, F32 data 4-aligned before the U8 masks
        byte[] b = Files.readAllBytes(st);
        long n = java.nio.ByteBuffer.wrap(b, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        String header = new String(b, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"jackpot.format\":\"ticket/1\""), header);
        assertTrue(header.contains("\"mask/fc1.weight\":{\"dtype\":\"U8\",\"shape\":[3,4]"), header);
    }

    @Test
    void masksOnlyTicketAndEmptyGroups() throws IOException {
        Ticket t = sample(1);
        Ticket bare = new Ticket(t.masks(), TensorSet.of(), TensorSet.of(), TensorSet.of(), "{}", Map.of());
        for (TicketFormat f : TicketFormat.values()) {
            Path p = dir.resolve("bare" + f.extension());
            TicketFiles.write(bare, p);
            assertTrue(TicketFiles.read(p).sameAs(bare));
        }
    }

    /** A small ticket (one mask and its final weights) so that fuzzing every prefix stays fast. */
    static Ticket tiny() {
        NamedTensor m = new NamedTensor("w", new int[]{2, 3}, new float[]{1, 0, 1, 0, 1, 1});
        NamedTensor w = new NamedTensor("w", new int[]{2, 3}, new float[]{-0.0f, 0, SPECIAL[5], 0, 3f, SPECIAL[2]});
        return new Ticket(TensorSet.of(m), TensorSet.of(), TensorSet.of(), TensorSet.of(w), "{\"a\":1}", Map.of("k", "v"));
    }

    @Test
    void everyTruncationIsReportedClearly() throws IOException {
        Ticket t = tiny();
        for (TicketFormat f : TicketFormat.values()) {
            byte[] full = bytes(t, f);
            Path p = dir.resolve("cut" + f.extension());
            for (int len = 0; len < full.length; len++) {
                Files.write(p, Arrays.copyOf(full, len));
                try {
                    TicketFiles.read(p);
                    fail(f + " prefix of " + len + " of " + full.length + " bytes was accepted");
                } catch (TicketFormatException e) {
                    assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().length() > 30, e.getMessage());
                }
            }
        }
    }

    @Test
    void randomByteFlipsNeverCrashTheReader() throws IOException {
        Ticket t = tiny();
        Rng rng = Rng.of(11);
        for (TicketFormat f : TicketFormat.values()) {
            byte[] full = bytes(t, f);
            Path p = dir.resolve("flip" + f.extension());
            int rejected = 0;
            for (int trial = 0; trial < 300; trial++) {
                byte[] b = full.clone();
                int flips = 1 + rng.nextInt(3);
                for (int k = 0; k < flips; k++) {
                    b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
                }
                Files.write(p, b);
                try {
                    Ticket back = TicketFiles.read(p);
                    // a flip the format cannot see (a name, a metadata string, zip fields numpy ignores)
                    // still yields a valid ticket
                    assertEquals(t.masks().size(), back.masks().size());
                } catch (TicketFormatException e) {
                    rejected++;
                    assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                }
            }
            // data flips are caught by CRC-32 (npz) and SHA-256 (safetensors): most flips are rejected
            assertTrue(rejected > 200, f + ": only " + rejected + " of 300 corruptions rejected");
        }
    }

    private static byte[] foreign(String header, byte[] data) {
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + h.length + data.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return b.putLong(h.length).put(h).put(data).array();
    }

    @Test
    void badContentIsRejectedWithASentence() throws IOException {
        Path bad = dir.resolve("x.safetensors");
        Files.write(bad, "not a ticket at all".getBytes());
        TicketFormatException e = assertThrows(TicketFormatException.class, () -> TicketFiles.read(bad));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
        Path notZip = dir.resolve("x.npz");
        Files.write(notZip, "PK nonsense".getBytes());
        assertThrows(TicketFormatException.class, () -> TicketFiles.read(notZip));
        assertThrows(IllegalArgumentException.class, () -> TicketFiles.read(dir.resolve("x.pt")));
        // a mask byte of 2 in the file
        Ticket t = sample(1);
        byte[] st = bytes(t, TicketFormat.SAFETENSORS);
        Ticket noHash = new Ticket(t.masks(), t.initialWeights(), t.rewindWeights(), t.finalWeights(), "{}", Map.of());
        st = bytes(noHash, TicketFormat.SAFETENSORS);
        String header = new String(st, 8, 600, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("jackpot.sha256"));
        st[st.length - 1] = 2; // last mask byte
        Files.write(bad, st);
        e = assertThrows(TicketFormatException.class, () -> TicketFiles.read(bad));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        // a hand-written foreign file (no checksum) with a mask byte of 2, then one with a bool mask
        Files.write(bad, foreign("{\"mask/a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]}}",
                new byte[]{1, 2}));
        e = assertThrows(TicketFormatException.class, () -> TicketFiles.read(bad));
        assertTrue(e.getMessage().contains("exactly 0 or 1"), e.getMessage());
        Files.write(bad, foreign("{\"mask/a\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[0,2]}}",
                new byte[]{1, 0}));
        assertArrayEquals(new float[]{1, 0}, TicketFiles.read(bad).masks().get("a").values());
        Files.write(bad, foreign("{\"mask/a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}",
                new byte[]{1, 0}));
        e = assertThrows(TicketFormatException.class, () -> TicketFiles.read(bad));
        assertTrue(e.getMessage().contains("dtype F16"), e.getMessage());
        Files.write(bad, foreign("{\"mask/a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}",
                new byte[]{1, 0}));
        e = assertThrows(TicketFormatException.class, () -> TicketFiles.read(bad));
        assertTrue(e.getMessage().contains("1 bytes after its last tensor"), e.getMessage());
        // reserved metadata keys
        Map<String, String> reserved = new LinkedHashMap<>();
        reserved.put("jackpot.spec", "x");
        assertThrows(IllegalArgumentException.class, () -> new Ticket(t.masks(), TensorSet.of(), TensorSet.of(),
                TensorSet.of(), "{}", reserved));
    }

    /** An .npz of one deflated entry: a .npy header for {@code shape} of uint8, then {@code dataBytes} zero bytes. */
    private static Path bomb(Path dir, String shape, long dataBytes) throws IOException {
        Path file = dir.resolve("bomb-" + dataBytes + ".npz");
        String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': " + shape + ", }";
        String header = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("mask/fc1.weight.npy"));
            byte[] pre = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), (byte) (header.length() >> 8)};
            zip.write(pre);
            zip.write(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] zeros = new byte[1 << 20];
            for (long left = dataBytes; left > 0; left -= zeros.length) {
                zip.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
            zip.closeEntry();
        }
        return file;
    }

    @Test
    void zipBombsFailFastWithoutInflatingTheHeap(@TempDir Path dir) throws IOException {
        // 64 MiB of zeros behind a header declaring 10 bytes: read 11 bytes of data, then refused.
        Path small = bomb(dir, "(10,)", 64L << 20);
        assertTrue(Files.size(small) < (1 << 20), "the file is small");
        Runtime rt = Runtime.getRuntime();
        long t0 = System.nanoTime();
        long before = allocatedBytes();
        TicketFormatException e = assertThrows(TicketFormatException.class, () -> TicketFiles.read(small));
        assertTrue(allocatedBytes() - before < Files.size(small) + (4 << 20),
                "reading allocates about the file's size, not the 64 MiB it inflates to: "
                        + (allocatedBytes() - before));
        assertTrue(e.getMessage().contains("holds more than the 10 data bytes its shape [10] of |u1 declares"),
                e.getMessage());
        // A header that claims 2^40 bytes is refused from the header alone.
        Path huge = bomb(dir, "(1099511627776,)", 100);
        e = assertThrows(TicketFormatException.class, () -> TicketFiles.read(huge));
        assertTrue(e.getMessage().contains("has a dimension of size 1099511627776"), e.getMessage());
        // A header within the array limit claims up to 2 GB for 100 bytes: refused before allocating when beyond a
        // third of the heap, else reported truncated after reading only what the entry holds.
        long beyond = Math.min(Integer.MAX_VALUE - 64L, rt.maxMemory() / 3 + 1);
        Path large = bomb(dir, "(" + beyond + ",)", 100);
        before = allocatedBytes();
        e = assertThrows(TicketFormatException.class, () -> TicketFiles.read(large));
        assertTrue(allocatedBytes() - before < 4 << 20, "a lying header costs nothing: " + (allocatedBytes() - before));
        assertTrue(e.getMessage().contains("declares shape [" + beyond + "]")
                || e.getMessage().contains("holds 100 data bytes (truncated)"), e.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "each refusal is fast");
    }

    /** Bytes this thread has allocated so far (HotSpot's per-thread counter). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
