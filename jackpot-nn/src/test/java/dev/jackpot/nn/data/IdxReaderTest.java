package dev.jackpot.nn.data;

import dev.jackpot.rng.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsPlainAndGzippedFilesIdentically() throws IOException {
        Path img = write("img", IdxFiles.images(5, 4, 3));
        Path lab = write("lab", IdxFiles.labels(5, 10));
        Path imgGz = write("img.gz", IdxFiles.gzip(IdxFiles.images(5, 4, 3)));
        Path labGz = write("lab.gz", IdxFiles.gzip(IdxFiles.labels(5, 10)));
        ImageDataset plain = IdxReader.load("t", img, lab, 10);
        ImageDataset gz = IdxReader.load("t", imgGz, labGz, 10);
        assertEquals(plain, gz);
        assertEquals(5, plain.size());
        assertEquals(1, plain.channels());
        assertEquals(4, plain.height());
        assertEquals(3, plain.width());
        assertEquals(3, plain.label(3));
        assertEquals((byte) (7 * 2 + 5), plain.pixels()[2 * 12 + 5]);
    }

    @Test
    void rejectsWrongKindsWithSentencesNamingTheFile() throws IOException {
        Path img = write("img", IdxFiles.images(5, 4, 3));
        Path lab = write("lab", IdxFiles.labels(5, 10));
        MalformedDataException swapped = assertThrows(MalformedDataException.class, () -> IdxReader.load("t", lab, img, 10));
        assertTrue(swapped.getMessage().contains(lab.toString()), swapped.getMessage());
        assertTrue(swapped.getMessage().contains("dimension"), swapped.getMessage());

        Path fewer = write("lab4", IdxFiles.labels(4, 10));
        assertTrue(assertThrows(MalformedDataException.class, () -> IdxReader.load("t", img, fewer, 10))
                .getMessage().contains("same count"));

        Path highLabel = write("lab-high", IdxFiles.labels(5, 10));
        assertTrue(assertThrows(MalformedDataException.class, () -> IdxReader.load("t", img, highLabel, 3))
                .getMessage().contains("outside [0, 3)"));

        byte[] floats = IdxFiles.labels(5, 10);
        floats[2] = 0x0D;
        Path floatFile = write("float", floats);
        assertTrue(assertThrows(MalformedDataException.class, () -> IdxReader.load("t", img, floatFile, 10))
                .getMessage().contains("type code is 0x0d"));

        byte[] trailing = Arrays.copyOf(IdxFiles.labels(5, 10), IdxFiles.labels(5, 10).length + 2);
        Path trail = write("trail", trailing);
        assertTrue(assertThrows(MalformedDataException.class, () -> IdxReader.load("t", img, trail, 10))
                .getMessage().contains("trailing"));

        assertThrows(java.nio.file.NoSuchFileException.class, () -> IdxReader.load("t", dir.resolve("missing"), lab, 10));
    }

    @Test
    void everyTruncationIsRejectedCleanly() throws IOException {
        byte[] img = IdxFiles.images(3, 4, 4);
        byte[] lab = IdxFiles.labels(3, 10);
        Path f = dir.resolve("trunc");
        for (boolean gz : new boolean[] {false, true}) {
            byte[] full = gz ? IdxFiles.gzip(img) : img;
            for (int len = 0; len < full.length; len++) {
                byte[] prefix = Arrays.copyOf(full, len);
                expectClean(() -> IdxReader.parse(f, prefix, 3), "prefix " + len + (gz ? " of gzip" : ""));
            }
        }
        for (int len = 0; len < lab.length; len++) {
            byte[] prefix = Arrays.copyOf(lab, len);
            expectClean(() -> IdxReader.parse(f, prefix, 1), "label prefix " + len);
        }
    }

    @Test
    void randomCorruptionsNeverEscapeAsUncheckedErrors() throws IOException {
        Rng rng = Rng.of(42);
        byte[] img = IdxFiles.images(3, 4, 4);
        byte[] lab = IdxFiles.labels(3, 10);
        byte[][] sources = {img, IdxFiles.gzip(img)};
        Path labels = write("lab", lab);
        for (int trial = 0; trial < 400; trial++) {
            byte[] src = sources[trial % 2];
            byte[] b = src.clone();
            int flips = 1 + rng.nextInt(3);
            for (int k = 0; k < flips; k++) {
                b[rng.nextInt(b.length)] = (byte) rng.nextInt(256);
            }
            Path f = write("corrupt", b);
            try {
                ImageDataset d = IdxReader.load("t", f, labels, 10);
                // A change inside the pixel data is undetectable in an unchecked format and must load.
                assertEquals(3, d.size());
            } catch (IOException e) {
                assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
            } catch (RuntimeException e) {
                fail("trial " + trial + ": unchecked " + e);
            }
        }
    }

    private void expectClean(Loader loader, String what) {
        try {
            loader.load();
            fail(what + " was accepted");
        } catch (IOException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), what);
        } catch (RuntimeException e) {
            fail(what + " threw " + e);
        }
    }

    interface Loader {
        void load() throws IOException;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void gzipDetectionIsByContentNotName() throws IOException {
        Path img = write("images.gz", IdxFiles.images(2, 2, 2));
        Path lab = write("labels", IdxFiles.gzip(IdxFiles.labels(2, 10)));
        ImageDataset d = IdxReader.load("t", img, lab, 10);
        assertArrayEquals(new byte[] {0, 1}, d.labels());
    }
}
