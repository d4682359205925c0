package dev.jackpot.ticket;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} arrays (format version 1.0 written; 1.0, 2.0 and 3.0 read), as specified in
 * {@code numpy/lib/format.py}: the magic {@code \x93NUMPY}, major and minor version bytes, the
 * header length (uint16 little-endian in 1.0, uint32 in 2.0 and 3.0), an ASCII Python dict
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (300, 784), }} padded with spaces and
 * a newline so that the data starts at a multiple of 64 bytes, then the data in C order.
 */
final class Npy {

    static final String FLOAT32 = "<f4";
    static final String UINT8 = "|u1";
    static final String BOOL = "|b1";

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern HEADER = Pattern.compile(
            "\\{\\s*'descr'\\s*:\\s*'([^']*)'\\s*,\\s*'fortran_order'\\s*:\\s*(True|False)\\s*,"
                    + "\\s*'shape'\\s*:\\s*\\(([0-9,\\s]*)\\)\\s*,?\\s*\\}\\s*");

    private Npy() {
    }

    /** A decoded array: its dtype descriptor, shape and raw little-endian data. */
    record Array(String descr, long[] shape, ByteBuffer data) {
    }

    /** Encodes an array of the given descriptor with raw data (already little-endian). */
    static byte[] encode(String descr, int[] shape, byte[] data) {
        StringBuilder dims = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            dims.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
        }
        dims.append(')');
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + dims + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return b.array();
    }

    /** @return float32 values as little-endian bytes, bit patterns kept (NaN payloads included) */
    static byte[] floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putInt(Float.floatToRawIntBits(v));
        }
        return b.array();
    }

    /** @return a 0/1 mask as bytes */
    static byte[] maskBytes(float[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) (values[i] != 0f ? 1 : 0);
        }
        return out;
    }

    /** Largest .npy header read (numpy writes well under 1 KiB; version 2 allows 4 GiB, which a hostile file claims). */
    static final int MAX_HEADER = 1 << 20;

    /**
     * A parsed .npy header.
     *
     * @param descr     dtype descriptor
     * @param shape     the array's shape
     * @param dataStart offset of the first data byte
     * @param dataBytes data bytes the shape and dtype declare
     */
    record Header(String descr, long[] shape, int dataStart, long dataBytes) {
    }

    /**
     * Reads one .npy entry from a stream, never holding more than its header declares: the preamble and
     * header first, then exactly the declared data bytes, after checking they fit the heap; a stream that
     * holds more than that (a zip bomb behind a small header) is refused after reading one byte past it.
     *
     * @param in   the entry's content
     * @param what names the array in messages
     * @return the bytes, to {@link #decode} (a short read is left to it, which reports the truncation)
     * @throws IOException if the stream fails or the entry is malformed or too large
     */
    static byte[] readBounded(InputStream in, String what) throws IOException {
        byte[] pre = in.readNBytes(12);
        int headerEnd = headerEnd(pre, what);
        byte[] head = pre;
        if (headerEnd > pre.length) {
            byte[] rest = in.readNBytes(headerEnd - pre.length);
            head = Arrays.copyOf(pre, pre.length + rest.length);
            System.arraycopy(rest, 0, head, pre.length, rest.length);
        }
        Header h = header(head, what);
        long total = h.dataStart() + h.dataBytes();
        long limit = Math.min(Integer.MAX_VALUE - 16L, Runtime.getRuntime().maxMemory() / 3);
        if (total > limit) {
            throw new TicketFormatException(what + " declares shape " + Arrays.toString(h.shape()) + " of " + h.descr()
                    + " (" + h.dataBytes() + " data bytes), more than a ticket entry can be read into the Java heap "
                    + "limit of " + Runtime.getRuntime().maxMemory() + " bytes (at most " + limit + "); raise it with "
                    + "JACKPOT_JAVA_OPTS=-Xmx... if the file is genuine.");
        }
        int have = Math.min(head.length, (int) total);
        // readNBytes(n) allocates as bytes arrive, so a truncated entry that claims 2 GB costs what it holds.
        byte[] data = in.readNBytes((int) total - have);
        byte[] all = Arrays.copyOf(head, have + data.length);
        System.arraycopy(data, 0, all, have, data.length);
        if (all.length < total) {
            return all;
        }
        if (head.length > total || in.read() != -1) {
            throw new TicketFormatException(what + " holds more than the " + h.dataBytes() + " data bytes its shape "
                    + Arrays.toString(h.shape()) + " of " + h.descr() + " declares (corrupt, or a zip bomb).");
        }
        return all;
    }

    /** @return the offset just past the header, from the preamble alone */
    private static int headerEnd(byte[] bytes, String what) throws TicketFormatException {
        if (bytes.length < 10) {
            throw new TicketFormatException(what + " is " + bytes.length + " bytes long, too short for a .npy header.");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new TicketFormatException(what + " does not start with the .npy magic \\x93NUMPY.");
            }
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen;
        int start;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xFFFF;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new TicketFormatException(what + " is too short for a version " + major + " .npy header.");
            }
            headerLen = b.getInt(8) & 0xFFFFFFFFL;
            start = 12;
        } else {
            throw new TicketFormatException(what + " has .npy format version " + major + "." + bytes[7]
                    + "; versions 1, 2 and 3 are supported.");
        }
        if (headerLen > MAX_HEADER) {
            throw new TicketFormatException(what + " declares a " + headerLen + "-byte header; .npy headers of "
                    + "tickets are at most " + MAX_HEADER + " bytes (corrupt).");
        }
        return (int) (start + headerLen);
    }

    /**
     * @param bytes at least the preamble and header
     * @param what  names the array in messages
     * @return the header
     * @throws TicketFormatException if it is malformed or truncated
     */
    static Header header(byte[] bytes, String what) throws TicketFormatException {
        int end = headerEnd(bytes, what);
        int start = bytes[6] == 1 ? 10 : 12;
        if (end > bytes.length) {
            throw new TicketFormatException(what + " declares a " + (end - start) + "-byte header but holds only "
                    + (bytes.length - start) + " bytes after the preamble (truncated).");
        }
        String header = new String(bytes, start, end - start,
                bytes[6] == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            throw new TicketFormatException(what + " has an unsupported .npy header: " + abbreviate(header) + ".");
        }
        String descr = m.group(1);
        if (m.group(2).equals("True")) {
            throw new TicketFormatException(what + " is stored in Fortran order; save it in C order (np.ascontiguousarray).");
        }
        long[] shape = parseShape(m.group(3), what);
        int itemSize;
        switch (descr) {
            case FLOAT32 -> itemSize = 4;
            case UINT8, BOOL -> itemSize = 1;
            default -> throw new TicketFormatException(what + " has dtype " + descr
                    + "; tickets store weights as float32 ('<f4') and masks as uint8 ('|u1') or bool ('|b1').");
        }
        int n = Entry.checkedSize(shape, what);
        return new Header(descr, shape, end, (long) n * itemSize);
    }

    /**
     * @param bytes the whole .npy content
     * @param what  names the array in messages
     * @return the parsed array
     * @throws TicketFormatException if anything is malformed or the data length differs from the shape's
     */
    static Array decode(byte[] bytes, String what) throws TicketFormatException {
        Header h = header(bytes, what);
        long expect = h.dataBytes();
        long have = bytes.length - h.dataStart();
        if (have != expect) {
            throw new TicketFormatException(what + " has shape " + Arrays.toString(h.shape()) + " of " + h.descr()
                    + " (" + expect + " data bytes) but holds " + have + " data bytes"
                    + (have < expect ? " (truncated)." : "."));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, h.dataStart(), (int) expect).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new Array(h.descr(), h.shape(), data);
    }

    private static long[] parseShape(String text, String what) throws TicketFormatException {
        String t = text.trim();
        if (t.isEmpty()) {
            return new long[0];
        }
        String[] parts = t.split(",", -1);
        int n = parts.length;
        if (parts[n - 1].trim().isEmpty()) {
            n--;
        }
        long[] shape = new long[n];
        for (int i = 0; i < n; i++) {
            try {
                shape[i] = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new TicketFormatException(what + " has a malformed shape (" + text + ").");
            }
        }
        return shape;
    }

    static String abbreviate(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "..." : clean;
    }
}
