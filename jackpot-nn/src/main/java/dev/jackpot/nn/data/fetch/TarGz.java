package dev.jackpot.nn.data.fetch;

import dev.jackpot.experiment.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Takes chosen members out of a gzipped tar archive (POSIX ustar and the GNU variant, as
 * {@code tar czf} writes them): each 512-byte header's checksum is verified, a member is matched by
 * its base name and must have the size expected, everything else is skipped unread. Each member is
 * written atomically into the target directory under its base name, so no entry name can reach
 * outside it; memory use is one 64 KiB buffer whatever the archive claims.
 */
final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {
    }

    /**
     * @param archive  the {@code .tar.gz}
     * @param members  the members wanted
     * @param dir      where to write them
     * @param listener told of each member's progress
     * @return each member's name, size and SHA-256, in the order given
     * @throws IOException if the archive is malformed or truncated, a member is missing or has another
     *                     size, or a write fails
     */
    static List<FetchResult.Entry> extract(Path archive, List<ArchiveMember> members, Path dir, FetchListener listener)
            throws IOException {
        Map<String, ArchiveMember> wanted = new LinkedHashMap<>();
        members.forEach(m -> wanted.put(m.name(), m));
        Map<String, FetchResult.Entry> done = new LinkedHashMap<>();
        byte[] header = new byte[BLOCK];
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
            String longName = null;
            while (true) {
                if (!readBlock(in, header)) {
                    break; // end of data without the two zero blocks: accepted, as tar itself does
                }
                if (allZero(header)) {
                    break;
                }
                verifyChecksum(archive, header);
                String name = longName != null ? longName : name(header);
                longName = null;
                long size = octal(archive, header, 124, 12);
                byte type = header[156];
                if (type == 'L') { // GNU long name: the next member's name is this entry's data
                    if (size > 4096) {
                        throw malformed(archive, "a long-name entry of " + size + " bytes");
                    }
                    byte[] n = new byte[(int) size];
                    readFully(in, n);
                    skip(in, pad(size));
                    longName = cString(n, 0, n.length);
                    continue;
                }
                String base = name.substring(name.lastIndexOf('/') + 1);
                ArchiveMember m = (type == '0' || type == 0) ? wanted.get(base) : null;
                if (m == null || done.containsKey(base)) {
                    skip(in, size + pad(size));
                    continue;
                }
                if (size != m.bytes()) {
                    throw malformed(archive, "member " + name + " holds " + size + " bytes where " + m.bytes()
                            + " are expected");
                }
                listener.started(base, size, archive.getFileName().toString());
                MessageDigest sha = Fetcher.sha256();
                write(dir.resolve(base), out -> {
                    byte[] buf = new byte[1 << 16];
                    long left = size;
                    while (left > 0) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (n < 0) {
                            throw new EOFException(archive + " ends inside member " + name);
                        }
                        out.write(buf, 0, n);
                        sha.update(buf, 0, n);
                        left -= n;
                        listener.progress(base, size - left);
                    }
                });
                skip(in, pad(size));
                done.put(base, new FetchResult.Entry(base, size, HexFormat.of().formatHex(sha.digest()),
                        FetchResult.How.EXTRACTED));
                listener.finished(base);
            }
        } catch (EOFException e) {
            throw new IOException(archive + " is truncated (" + e.getMessage() + "); delete it and fetch again.", e);
        } catch (java.util.zip.ZipException e) {
            throw new IOException(archive + " is not a valid gzip stream (" + e.getMessage() + "); delete it and fetch "
                    + "again.", e);
        }
        List<String> missing = new ArrayList<>(wanted.keySet());
        missing.removeAll(done.keySet());
        if (!missing.isEmpty()) {
            throw malformed(archive, "no member named " + String.join(", ", missing));
        }
        List<FetchResult.Entry> out = new ArrayList<>();
        wanted.keySet().forEach(k -> out.add(done.get(k)));
        return out;
    }

    /** {@link AtomicFiles#write}, letting a truncated archive surface as one rather than as a write failure. */
    private static void write(Path target, AtomicFiles.StreamBody body) throws IOException {
        try {
            AtomicFiles.write(target, body);
        } catch (IOException e) {
            if (e.getCause() instanceof EOFException eof) {
                throw eof;
            }
            throw e;
        }
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int off = 0;
        while (off < block.length) {
            int n = in.read(block, off, block.length - off);
            if (n < 0) {
                if (off == 0) {
                    return false;
                }
                throw new EOFException("a header block is cut short");
            }
            off += n;
        }
        return true;
    }

    private static void readFully(InputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = in.read(b, off, b.length - off);
            if (n < 0) {
                throw new EOFException("an entry is cut short");
            }
            off += n;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        byte[] buf = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new EOFException("an entry is cut short");
            }
            left -= r;
        }
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static void verifyChecksum(Path archive, byte[] h) throws IOException {
        long stored = octal(archive, h, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
        }
        if (sum != stored) {
            throw malformed(archive, "a header whose checksum is " + stored + " but whose bytes sum to " + sum);
        }
    }

    private static String name(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(Path archive, byte[] h, int off, int len) throws IOException {
        if ((h[off] & 0x80) != 0) {
            throw malformed(archive, "a base-256 size field (an entry over 8 GiB)");
        }
        long v = 0;
        boolean any = false;
        for (int i = off; i < off + len; i++) {
            byte c = h[i];
            if (c == 0 || c == ' ') {
                if (any) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                throw malformed(archive, "a header field that is not octal");
            }
            v = v * 8 + (c - '0');
            any = true;
        }
        return v;
    }

    private static IOException malformed(Path archive, String what) {
        return new IOException(archive + " is not the archive expected: it has " + what + "; delete it and fetch again.");
    }
}
