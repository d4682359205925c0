package dev.jackpot.nn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads a whole data file, inflating it when it starts with the gzip magic bytes {@code 1f 8b}. */
final class RawFiles {

    /** Larger than any dataset Jackpot reads (CIFAR-10 train is 154 MB); guards against inflating garbage. */
    static final int MAX_BYTES = 1 << 30;

    private RawFiles() {
    }

    static byte[] read(Path file) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "the data file does not exist");
        }
        return decode(file, raw);
    }

    /** Inflates {@code raw} when it starts with the gzip magic bytes; {@code file} names it in errors. */
    static byte[] decode(Path file, byte[] raw) throws IOException {
        if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1f && (raw[1] & 0xFF) == 0x8b) {
            return gunzip(file, raw);
        }
        return raw;
    }

    private static byte[] gunzip(Path file, byte[] raw) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, raw.length * 4));
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BYTES) {
                    throw new MalformedDataException(file, "the gzip stream inflates to more than " + MAX_BYTES
                            + " bytes, more than any supported dataset; the file is corrupted or not a dataset.");
                }
            }
            return out.toByteArray();
        } catch (MalformedDataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MalformedDataException(file, "the file starts like gzip but cannot be inflated ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); it is truncated or corrupted.", e);
        }
    }
}
