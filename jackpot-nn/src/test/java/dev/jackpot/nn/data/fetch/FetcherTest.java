package dev.jackpot.nn.data.fetch;

import dev.jackpot.nn.data.Cifar10Reader;
import dev.jackpot.nn.data.DataHome;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.FashionMnist;
import dev.jackpot.nn.data.IdxFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fetching against a loopback HTTP server serving small files of the real formats (no network). */
class FetcherTest {

    @TempDir
    Path tmp;

    private LoopbackServer server;
    private final Map<String, byte[]> idx = new LinkedHashMap<>();

    @BeforeEach
    void serveIdx() throws IOException {
        server = new LoopbackServer();
        idx.put("train-images-idx3-ubyte.gz", IdxFiles.gzip(IdxFiles.images(50, 28, 28)));
        idx.put("train-labels-idx1-ubyte.gz", IdxFiles.gzip(IdxFiles.labels(50, 10)));
        idx.put("t10k-images-idx3-ubyte.gz", IdxFiles.gzip(IdxFiles.images(20, 28, 28)));
        idx.put("t10k-labels-idx1-ubyte.gz", IdxFiles.gzip(IdxFiles.labels(20, 10)));
        idx.forEach((name, bytes) -> server.put("/a/" + name, bytes));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private DatasetSource idxSource(String... mirrors) {
        List<RemoteFile> files = new ArrayList<>();
        idx.forEach((name, bytes) -> files.add(new RemoteFile(name, bytes.length, sha(bytes))));
        return new DatasetSource("fashion-mnist", "test", List.of(mirrors).stream().map(URI::create).toList(), files,
                List.of());
    }

    private static Fetcher fetcher(int attempts) {
        return new Fetcher(attempts, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ZERO);
    }

    @Test
    void fetchesVerifiesAndLoadsThenANoOpRerunMakesNoRequest() throws IOException {
        Path dir = tmp.resolve("fashion-mnist");
        FetchResult r = fetcher(3).fetch(idxSource(server.base("a")), dir, FetchListener.NONE);
        assertEquals(4, r.files().size());
        assertTrue(r.files().stream().allMatch(f -> f.how() == FetchResult.How.DOWNLOADED));
        assertEquals(idx.values().stream().mapToLong(b -> b.length).sum(), r.downloaded());
        for (var e : idx.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(dir.resolve(e.getKey())));
        }
        assertTrue(Files.isRegularFile(dir.resolve(Fetcher.MANIFEST)));
        DataSplit split = FashionMnist.load(dir);
        assertEquals(50, split.train().size());
        assertEquals(20, split.test().size());
        assertTrue(DataHome.complete("fashion-mnist", dir));

        int before = server.requests.size();
        FetchResult again = fetcher(3).fetch(idxSource(server.base("a")), dir, FetchListener.NONE);
        assertTrue(again.alreadyPresent());
        assertEquals(0, again.downloaded());
        assertEquals(before, server.requests.size(), "a verified directory is not fetched again");
    }

    @Test
    void aDroppedConnectionIsResumedWithARangeRequestInTheSameFetch() throws IOException {
        server.cut(100, 1);
        Path dir = tmp.resolve("d");
        FetchResult r = fetcher(3).fetch(idxSource(server.base("a")), dir, FetchListener.NONE);
        assertEquals(FetchResult.How.RESUMED, r.files().get(0).how());
        assertTrue(server.requests.contains("/a/train-images-idx3-ubyte.gz bytes=100-"), server.requests.toString());
        assertArrayEquals(idx.get("train-images-idx3-ubyte.gz"), Files.readAllBytes(dir.resolve("train-images-idx3-ubyte.gz")));
        assertFalse(Files.exists(dir.resolve("train-images-idx3-ubyte.gz.part")));
    }

    @Test
    void anInterruptedFetchKeepsItsBytesAndTheNextFetchContinuesFromThem() throws IOException {
        server.cut(100, 1);
        Path dir = tmp.resolve("d");
        IOException e = assertThrows(IOException.class,
                () -> fetcher(1).fetch(idxSource(server.base("a")), dir, FetchListener.NONE));
        assertTrue(e.getMessage().contains("The 100 bytes received are kept in"), e.getMessage());
        assertTrue(e.getMessage().contains("the next fetch continues from them"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("train-images-idx3-ubyte.gz")), "no unverified file under the real name");
        assertEquals(100, Files.size(dir.resolve("train-images-idx3-ubyte.gz.part")));

        FetchResult r = fetcher(1).fetch(idxSource(server.base("a")), dir, FetchListener.NONE);
        assertEquals(FetchResult.How.RESUMED, r.files().get(0).how());
        assertEquals("/a/train-images-idx3-ubyte.gz bytes=100-", server.requests.get(1));
        assertEquals(FashionMnist.load(dir).train().size(), 50);
    }

    @Test
    void aStalledTransferTimesOutAndIsResumed() throws IOException {
        server.stall = true;
        server.cut(100, 1);
        Path dir = tmp.resolve("d");
        List<String> retries = new ArrayList<>();
        FetchListener l = new FetchListener() {
            @Override
            public void retrying(String file, String reason) {
                retries.add(reason);
            }
        };
        FetchResult r = fetcher(2).fetch(idxSource(server.base("a")), dir, l);
        assertEquals(FetchResult.How.RESUMED, r.files().get(0).how());
        assertTrue(retries.get(0).contains("timed out"), retries.toString());
        assertEquals(50, FashionMnist.load(dir).train().size());
    }

    @Test
    void aServerThatIgnoresRangesIsReadFromTheStart() throws IOException {
        Path dir = tmp.resolve("d");
        Files.createDirectories(dir);
        byte[] first = idx.get("train-images-idx3-ubyte.gz");
        Files.write(dir.resolve("train-images-idx3-ubyte.gz.part"), java.util.Arrays.copyOf(first, 300));
        server.ignoreRanges = true;
        FetchResult r = fetcher(1).fetch(idxSource(server.base("a")), dir, FetchListener.NONE);
        assertEquals(FetchResult.How.DOWNLOADED, r.files().get(0).how());
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("train-images-idx3-ubyte.gz")));
    }

    @Test
    void aMirrorServingOtherBytesIsRefusedAndTheNextMirrorUsed() throws IOException {
        idx.forEach((name, bytes) -> {
            byte[] bad = bytes.clone();
            bad[bad.length / 2] ^= 1;
            server.put("/bad/" + name, bad);
        });
        Path dir = tmp.resolve("d");
        List<String> retries = new ArrayList<>();
        FetchListener l = new FetchListener() {
            @Override
            public void retrying(String file, String reason) {
                retries.add(reason);
            }
        };
        FetchResult r = fetcher(3).fetch(idxSource(server.base("bad"), server.base("a")), dir, l);
        assertEquals(4, r.files().size());
        assertEquals(4, retries.size(), "one refusal per file, no retry of a mirror that serves other bytes");
        assertTrue(retries.get(0).endsWith("; trying the next mirror"), retries.get(0));
        assertTrue(retries.get(0).contains("not the published"), retries.get(0));
        assertArrayEquals(idx.get("t10k-labels-idx1-ubyte.gz"), Files.readAllBytes(dir.resolve("t10k-labels-idx1-ubyte.gz")));
    }

    @Test
    void wrongBytesEverywhereLeaveNothingUnderTheRealNameAndNoPart() throws IOException {
        idx.forEach((name, bytes) -> {
            byte[] bad = bytes.clone();
            bad[0] ^= 1;
            server.put("/bad/" + name, bad);
        });
        Path dir = tmp.resolve("d");
        IOException e = assertThrows(IOException.class,
                () -> fetcher(3).fetch(idxSource(server.base("bad")), dir, FetchListener.NONE));
        assertTrue(e.getMessage().contains("could not fetch train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("not the published"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing partial was kept"), e.getMessage());
        try (var s = Files.list(dir)) {
            assertEquals(List.of(), s.toList());
        }
    }

    @Test
    void missingFilesNameEachUrlAndStatus() {
        Path dir = tmp.resolve("d");
        IOException e = assertThrows(IOException.class,
                () -> fetcher(3).fetch(idxSource(server.base("none"), server.base("gone")), dir, FetchListener.NONE));
        assertTrue(e.getMessage().contains(server.base("none") + "train-images-idx3-ubyte.gz: HTTP status 404"), e.getMessage());
        assertTrue(e.getMessage().contains(server.base("gone") + "train-images-idx3-ubyte.gz: HTTP status 404"), e.getMessage());
        assertEquals(2, server.requests.size(), "a 404 is not retried on the same mirror");
    }

    @Test
    void aServerOfferingAnotherSizeIsRefusedBeforeTheBody() {
        server.put("/big/train-images-idx3-ubyte.gz", new byte[100_000]);
        IOException e = assertThrows(IOException.class,
                () -> fetcher(3).fetch(idxSource(server.base("big")), tmp.resolve("d"), FetchListener.NONE));
        assertTrue(e.getMessage().contains("offers 100000 bytes where the published size is"), e.getMessage());
    }

    @Test
    void notEnoughDiskSpaceIsRefusedBeforeAnyRequest() {
        DatasetSource huge = new DatasetSource("x", "test", List.of(URI.create(server.base("a"))),
                List.of(new RemoteFile("x.tar.gz", 1L << 50, "0".repeat(64))), List.of(new ArchiveMember("y", 1L << 50)));
        IOException e = assertThrows(IOException.class, () -> fetcher(1).fetch(huge, tmp.resolve("x"), FetchListener.NONE));
        assertTrue(e.getMessage().contains("needs 2147483648.0 MiB free in"), e.getMessage());
        assertEquals(0, server.requests.size());
    }

    @Test
    void cifarArchiveIsExtractedVerifiedAndLoadable() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            members.put("cifar-10-batches-bin/data_batch_" + i + ".bin", IdxFiles.cifar(4));
        }
        members.put("cifar-10-batches-bin/test_batch.bin", IdxFiles.cifar(3));
        members.put("cifar-10-batches-bin/readme.html", "<html>".getBytes(StandardCharsets.UTF_8));
        byte[] archive = IdxFiles.gzip(tar(members));
        server.put("/k/cifar-10-binary.tar.gz", archive);
        DatasetSource src = cifar(archive, 4, 3);
        Path dir = tmp.resolve("cifar10");
        FetchResult r = fetcher(3).fetch(src, dir, FetchListener.NONE);
        assertEquals(6, r.files().size());
        assertTrue(r.files().stream().allMatch(f -> f.how() == FetchResult.How.EXTRACTED));
        assertFalse(Files.exists(dir.resolve("cifar-10-binary.tar.gz")), "the archive goes once its members are out");
        assertFalse(Files.exists(dir.resolve("readme.html")), "only the members asked for are written");
        DataSplit split = Cifar10Reader.load(dir);
        assertEquals(20, split.train().size());
        assertEquals(3, split.test().size());
        assertTrue(DataHome.complete("cifar10", dir));
        assertEquals(sha(IdxFiles.cifar(3)), r.files().get(5).sha256());

        int before = server.requests.size();
        assertTrue(fetcher(3).fetch(src, dir, FetchListener.NONE).alreadyPresent());
        assertEquals(before, server.requests.size());

        // A damaged member is noticed: the directory is fetched again.
        Files.write(dir.resolve("test_batch.bin"), IdxFiles.cifar(2));
        FetchResult again = fetcher(3).fetch(src, dir, FetchListener.NONE);
        assertFalse(again.alreadyPresent());
        assertEquals(3, Cifar10Reader.load(dir).test().size());
    }

    @Test
    void malformedArchivesAreRefusedWithTheReason() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            members.put("data_batch_" + i + ".bin", IdxFiles.cifar(4));
        }
        byte[] noTest = IdxFiles.gzip(tar(members));
        assertRefused(noTest, "no member named test_batch.bin");

        members.put("test_batch.bin", IdxFiles.cifar(5));
        assertRefused(IdxFiles.gzip(tar(members)), "member test_batch.bin holds 15365 bytes where 9219 are expected");

        members.put("test_batch.bin", IdxFiles.cifar(3));
        byte[] t = tar(members);
        t[10] ^= 1; // inside the first header's name: its checksum no longer matches
        assertRefused(IdxFiles.gzip(t), "checksum");

        byte[] cut = java.util.Arrays.copyOf(tar(members), 3000);
        assertRefused(IdxFiles.gzip(cut), "is truncated");

        assertRefused("not gzip at all".getBytes(StandardCharsets.UTF_8), "is not a valid gzip stream");
    }

    private void assertRefused(byte[] archive, String expected) throws IOException {
        server.put("/k/cifar-10-binary.tar.gz", archive);
        Path dir = Files.createTempDirectory(tmp, "c");
        IOException e = assertThrows(IOException.class, () -> fetcher(1).fetch(cifar(archive, 4, 3), dir, FetchListener.NONE));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(Files.exists(dir.resolve(Fetcher.MANIFEST)));
    }

    private DatasetSource cifar(byte[] archive, int trainRecords, int testRecords) {
        List<ArchiveMember> m = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            m.add(new ArchiveMember("data_batch_" + i + ".bin", (long) trainRecords * Cifar10Reader.RECORD));
        }
        m.add(new ArchiveMember("test_batch.bin", (long) testRecords * Cifar10Reader.RECORD));
        return new DatasetSource("cifar10", "test", List.of(URI.create(server.base("k"))),
                List.of(new RemoteFile("cifar-10-binary.tar.gz", archive.length, sha(archive))), m);
    }

    @Test
    void builtInSourcesPinPublishedSizesAndDigests() {
        assertEquals(26_421_880 + 29_515 + 4_422_102 + 5_148, DatasetSource.of("fashion-mnist").downloadBytes());
        assertEquals("440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                DatasetSource.of("mnist").files().get(0).sha256());
        DatasetSource c = DatasetSource.of("cifar10");
        assertEquals(170_052_171, c.downloadBytes());
        assertEquals(6, c.members().size());
        assertEquals(30_730_000, c.members().get(0).bytes());
        assertThrows(IllegalArgumentException.class, () -> DatasetSource.of("imagenet"));
        assertEquals(List.of(URI.create("http://127.0.0.1:1/m/")), c.withMirror("http://127.0.0.1:1/m").mirrors());
    }

    /** A ustar archive of the given entries, as {@code tar cf} writes one. */
    static byte[] tar(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entries.forEach((name, data) -> {
            byte[] h = new byte[512];
            put(h, 0, name);
            put(h, 100, "0000644");
            put(h, 108, "0001750");
            put(h, 116, "0001750");
            put(h, 124, String.format("%011o", data.length));
            put(h, 136, "14000000000");
            h[156] = '0';
            put(h, 257, "ustar");
            put(h, 263, "00");
            for (int i = 148; i < 156; i++) {
                h[i] = ' ';
            }
            long sum = 0;
            for (byte b : h) {
                sum += b & 0xFF;
            }
            put(h, 148, String.format("%06o", sum));
            h[154] = 0;
            out.writeBytes(h);
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        });
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
