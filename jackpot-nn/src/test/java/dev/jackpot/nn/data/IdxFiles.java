package dev.jackpot.nn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX and CIFAR-10 files for tests. */
public final class IdxFiles {

    private IdxFiles() {
    }

    public static byte[] idx(int[] dims, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        out.write(0x08);
        out.write(dims.length);
        for (int d : dims) {
            out.write(d >>> 24);
            out.write(d >>> 16);
            out.write(d >>> 8);
            out.write(d);
        }
        out.writeBytes(data);
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    /** n images of h x w with pixel (i, k) = (7 i + k) mod 256. */
    public static byte[] images(int n, int h, int w) {
        byte[] p = new byte[n * h * w];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < h * w; k++) {
                p[i * h * w + k] = (byte) (7 * i + k);
            }
        }
        return idx(new int[] {n, h, w}, p);
    }

    public static byte[] labels(int n, int classes) {
        byte[] l = new byte[n];
        for (int i = 0; i < n; i++) {
            l[i] = (byte) (i % classes);
        }
        return idx(new int[] {n}, l);
    }

    /** n CIFAR records, label i mod 10, pixels (3 i + k) mod 256. */
    public static byte[] cifar(int n) {
        byte[] b = new byte[n * Cifar10Reader.RECORD];
        for (int i = 0; i < n; i++) {
            b[i * Cifar10Reader.RECORD] = (byte) (i % 10);
            for (int k = 1; k < Cifar10Reader.RECORD; k++) {
                b[i * Cifar10Reader.RECORD + k] = (byte) (3 * i + k);
            }
        }
        return b;
    }
}
