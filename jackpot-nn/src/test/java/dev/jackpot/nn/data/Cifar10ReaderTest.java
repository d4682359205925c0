package dev.jackpot.nn.data;

import dev.jackpot.rng.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class Cifar10ReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsTheBinaryBatchesOfADirectory() throws IOException {
        Path base = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (int i = 1; i <= 5; i++) {
            Files.write(base.resolve("data_batch_" + i + ".bin"), IdxFiles.cifar(3));
        }
        Files.write(base.resolve("test_batch.bin"), IdxFiles.gzip(IdxFiles.cifar(2)));
        DataSplit s = Cifar10Reader.load(dir);
        assertEquals(15, s.train().size());
        assertEquals(2, s.test().size());
        assertEquals(3, s.train().channels());
        assertEquals(1, s.test().label(1));
        // record 1 of a batch: label at byte 3073, red plane starts at 3074 with (3 * 1 + 1) mod 256
        assertEquals((byte) 4, s.test().pixels()[3072]);
        Files.delete(base.resolve("data_batch_4.bin"));
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> Cifar10Reader.load(dir));
        assertTrue(missing.getMessage().contains("data_batch_4.bin"), missing.getMessage());
    }

    @Test
    void everyTruncationAndCorruptionIsRejectedCleanly() throws IOException {
        byte[] full = IdxFiles.cifar(2);
        Path f0 = dir.resolve("t.bin");
        for (int len = 0; len < full.length; len++) {
            java.io.ByteArrayOutputStream labels = new java.io.ByteArrayOutputStream();
            if (len == Cifar10Reader.RECORD) {
                Cifar10Reader.parse(f0, Arrays.copyOf(full, len), new java.io.ByteArrayOutputStream(), labels);
                assertEquals(1, labels.size());
                continue;
            }
            try {
                Cifar10Reader.parse(f0, Arrays.copyOf(full, len), new java.io.ByteArrayOutputStream(), labels);
                fail("prefix " + len + " accepted");
            } catch (MalformedDataException e) {
                assertTrue(e.getMessage().contains("multiple of the 3073-byte"), e.getMessage());
            }
        }
        Rng rng = Rng.of(7);
        byte[] gz = IdxFiles.gzip(full);
        Path f = dir.resolve("c.bin");
        for (int trial = 0; trial < 300; trial++) {
            byte[] b = (trial % 2 == 0 ? full : gz).clone();
            b[rng.nextInt(b.length)] = (byte) rng.nextInt(256);
            try {
                java.io.ByteArrayOutputStream labels = new java.io.ByteArrayOutputStream();
                Cifar10Reader.parse(f, b, new java.io.ByteArrayOutputStream(), labels);
                assertEquals(2, labels.size());
            } catch (IOException e) {
                assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
            } catch (RuntimeException e) {
                fail("trial " + trial + ": unchecked " + e);
            }
        }
        byte[] bad = full.clone();
        bad[Cifar10Reader.RECORD] = 10;
        Files.write(dir.resolve("bad.bin"), bad);
        assertTrue(assertThrows(MalformedDataException.class, () -> Cifar10Reader.readBatches("t", dir.resolve("bad.bin")))
                .getMessage().contains("record 1 has label 10"));
    }
}
