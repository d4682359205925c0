package dev.jackpot.ticket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Tickets as NumPy {@code .npz}: a zip archive of {@code .npy} arrays, loadable with
 * {@code np.load(path)}:
 * <pre>
 *   mask/&lt;tensor&gt;.npy     uint8 ('|u1') 0/1, one per prunable tensor   z["mask/fc1.weight"]
 *   init/&lt;tensor&gt;.npy     float32 ('&lt;f4') θ0
 *   rewind/&lt;tensor&gt;.npy   float32 weights the ticket restarts from
 *   final/&lt;tensor&gt;.npy    float32 trained weights
 *   spec.npy              uint8 UTF-8 JSON of the spec        z["spec"].tobytes().decode()
 *   metadata.npy          uint8 UTF-8 JSON object of strings, with "jackpot.format": "ticket/1"
 * </pre>
 * Output is deterministic: entries STORED (uncompressed) in that order, every timestamp
 * 1980-01-01 00:00 local DOS time, no extra fields, so one ticket always gives the same bytes.
 * Reading accepts STORED or DEFLATED archives (np.savez_compressed), checks every entry's CRC-32
 * and accepts bool ('|b1') masks.
 */
final class NpzCodec {

    static final String FORMAT = "ticket/1";
    private static final LocalDateTime EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private NpzCodec() {
    }

    static void write(Ticket ticket, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Entry e : Entry.of(ticket)) {
            byte[] npy = e.mask() ? Npy.encode(Npy.UINT8, e.shape(), Npy.maskBytes(e.values()))
                    : Npy.encode(Npy.FLOAT32, e.shape(), Npy.floats(e.values()));
            put(zip, e.key() + ".npy", npy);
        }
        byte[] spec = ticket.specJson().getBytes(StandardCharsets.UTF_8);
        put(zip, "spec.npy", Npy.encode(Npy.UINT8, new int[]{spec.length}, spec));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("jackpot.format", FORMAT);
        meta.putAll(ticket.metadata());
        byte[] metaBytes = Json.stringMap(meta).getBytes(StandardCharsets.UTF_8);
        put(zip, "metadata.npy", Npy.encode(Npy.UINT8, new int[]{metaBytes.length}, metaBytes));
        zip.finish();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setTimeLocal(EPOCH);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    static Ticket read(Path file) throws IOException {
        String where = file.toString();
        long fileSize = Files.size(file);
        List<Entry> entries = new ArrayList<>();
        String spec = null;
        Map<String, String> metadata = null;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> it = zip.entries();
            while (it.hasMoreElements()) {
                ZipEntry ze = it.nextElement();
                String name = ze.getName();
                if (!name.endsWith(".npy")) {
                    throw new TicketFormatException(where + " holds " + name + ", which is not a .npy array.");
                }
                if (ze.getCompressedSize() > fileSize) {
                    throw new TicketFormatException(where + ": entry " + name + " claims " + ze.getCompressedSize()
                            + " bytes in a file of " + fileSize + " (corrupt).");
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(ze)) {
                    // Never more than the entry's .npy header declares: a small file cannot inflate the heap.
                    bytes = Npy.readBounded(in, where + ": " + name);
                }
                CRC32 crc = new CRC32();
                crc.update(bytes);
                if (ze.getCrc() != -1 && crc.getValue() != ze.getCrc()) {
                    throw new TicketFormatException(where + ": entry " + name + " fails its CRC-32 check (corrupt).");
                }
                if (ze.getSize() != -1 && ze.getSize() != bytes.length) {
                    throw new TicketFormatException(where + ": entry " + name + " holds " + bytes.length
                            + " bytes where its header says " + ze.getSize() + " (corrupt).");
                }
                String key = name.substring(0, name.length() - 4);
                Npy.Array a = Npy.decode(bytes, where + ": " + name);
                if (key.equals("spec") || key.equals("metadata")) {
                    String text = utf8(a, where + ": " + name);
                    if (key.equals("spec")) {
                        spec = text;
                    } else {
                        metadata = metadata(text, where);
                    }
                    continue;
                }
                entries.add(toEntry(key, a));
            }
        } catch (TicketFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TicketFormatException(where + " is not a readable .npz archive (truncated or corrupt): "
                    + e.getMessage(), e);
        }
        if (metadata == null || spec == null) {
            throw new TicketFormatException(where + " has no " + (metadata == null ? "metadata.npy" : "spec.npy")
                    + " entry; it is not a Jackpot ticket (or it is truncated).");
        }
        return Entry.toTicket(entries, spec, metadata, where);
    }

    private static Entry toEntry(String key, Npy.Array a) {
        int n = a.data().remaining() / (a.descr().equals(Npy.FLOAT32) ? 4 : 1);
        float[] v = new float[n];
        boolean mask = !a.descr().equals(Npy.FLOAT32);
        ByteBuffer d = a.data();
        for (int i = 0; i < n; i++) {
            v[i] = mask ? byteToMask(d.get(i)) : Float.intBitsToFloat(d.getInt(4 * i));
        }
        return new Entry(key, mask, Entry.toInt(a.shape()), v);
    }

    /** Maps 0/1 to the float mask; any other byte becomes NaN, which mask validation rejects with a message. */
    static float byteToMask(byte b) {
        return b == 0 ? 0f : b == 1 ? 1f : Float.NaN;
    }

    private static String utf8(Npy.Array a, String what) throws TicketFormatException {
        if (!a.descr().equals(Npy.UINT8) || a.shape().length != 1) {
            throw new TicketFormatException(what + " must be a 1-D uint8 array of UTF-8 text.");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(a.data().duplicate()).toString();
        } catch (CharacterCodingException e) {
            throw new TicketFormatException(what + " is not valid UTF-8.", e);
        }
    }

    private static Map<String, String> metadata(String json, String where) throws TicketFormatException {
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new TicketFormatException(where + ": metadata.npy is not valid JSON: " + e.getMessage(), e);
        }
        Map<String, String> all = SafetensorsCodec.stringMap(parsed, where + ": metadata.npy");
        if (!FORMAT.equals(all.get("jackpot.format"))) {
            throw new TicketFormatException(where + " declares format " + all.get("jackpot.format") + "; this version "
                    + "reads " + FORMAT + ".");
        }
        Map<String, String> user = new LinkedHashMap<>(all);
        user.keySet().removeIf(k -> k.startsWith(Ticket.RESERVED_PREFIX));
        return user;
    }
}
