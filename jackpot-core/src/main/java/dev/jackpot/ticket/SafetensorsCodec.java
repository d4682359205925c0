package dev.jackpot.ticket;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tickets as safetensors (huggingface/safetensors): an unsigned 64-bit little-endian header length
 * N, N bytes of UTF-8 JSON padded with spaces to a multiple of 8, then the data buffer.
 * The header maps each tensor key to {@code {"dtype", "shape", "data_offsets": [begin, end]}}
 * (offsets relative to the buffer) and {@code "__metadata__"} to a string map. Keys are
 * {@code <group>/<tensor>} as in {@link NpzCodec}; weights are F32, masks U8 (BOOL also read).
 * Weight groups come first in the buffer and masks last, so every F32 tensor is 4-byte aligned.
 * The metadata carries {@code jackpot.format = ticket/1}, {@code jackpot.spec} (the spec JSON),
 * {@code jackpot.sha256} (hex SHA-256 of the data buffer, checked on reading) and the ticket's own entries.
 *
 * <p>Reading checks what the safetensors library checks (header within the file, known dtypes,
 * offsets consistent with shapes, tensors covering the buffer without gaps or overlaps, nothing
 * after the buffer) and reports each failure as a sentence.
 */
final class SafetensorsCodec {

    private static final int MAX_HEADER = 100_000_000;

    private SafetensorsCodec() {
    }

    static void write(Ticket ticket, OutputStream out) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<Entry> masks = new ArrayList<>();
        for (Entry e : Entry.of(ticket)) {
            (e.mask() ? masks : entries).add(e);
        }
        entries.addAll(masks);
        List<byte[]> blobs = new ArrayList<>();
        long total = 0;
        for (Entry e : entries) {
            byte[] b = e.mask() ? Npy.maskBytes(e.values()) : Npy.floats(e.values());
            blobs.add(b);
            total += b.length;
        }
        MessageDigest sha = sha256();
        for (byte[] b : blobs) {
            sha.update(b);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("jackpot.format", NpzCodec.FORMAT);
        meta.put("jackpot.spec", ticket.specJson());
        meta.put("jackpot.sha256", HexFormat.of().formatHex(sha.digest()));
        meta.putAll(ticket.metadata());
        StringBuilder h = new StringBuilder("{\"__metadata__\":").append(Json.stringMap(meta));
        long offset = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            long end = offset + blobs.get(i).length;
            h.append(',').append(JsonText.quote(e.key())).append(":{\"dtype\":\"").append(e.mask() ? "U8" : "F32")
                    .append("\",\"shape\":").append(Arrays.toString(e.shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        h.append('}');
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        byte[] lenBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array();
        out.write(lenBytes);
        out.write(header);
        out.write(" ".repeat(padded - header.length).getBytes(StandardCharsets.US_ASCII));
        for (byte[] b : blobs) {
            out.write(b);
        }
        if (total != offset) {
            throw new IllegalStateException("buffer size mismatch");
        }
    }

    static Ticket read(byte[] file, String where) throws TicketFormatException {
        if (file.length < 8) {
            throw new TicketFormatException(where + " is " + file.length
                    + " bytes long, too short for a safetensors header length (8 bytes).");
        }
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > MAX_HEADER) {
            throw new TicketFormatException(where + " declares a header of " + Long.toUnsignedString(n)
                    + " bytes; a safetensors header is between 2 and " + MAX_HEADER + " bytes (corrupt file?).");
        }
        if (8 + n > file.length) {
            throw new TicketFormatException(where + " declares a " + n + "-byte header but holds only "
                    + (file.length - 8) + " bytes after the length (truncated).");
        }
        String headerText;
        try {
            headerText = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file, 8, (int) n)).toString();
        } catch (CharacterCodingException e) {
            throw new TicketFormatException(where + " has a header that is not valid UTF-8 (corrupt).", e);
        }
        Object parsed;
        try {
            parsed = Json.parse(headerText);
        } catch (IllegalArgumentException e) {
            throw new TicketFormatException(where + " has a header that is not valid JSON (" + e.getMessage() + ").", e);
        }
        if (!(parsed instanceof Map<?, ?> header)) {
            throw new TicketFormatException(where + " has a header that is not a JSON object.");
        }
        int bufferStart = (int) (8 + n);
        long bufferLen = file.length - bufferStart;
        Map<String, String> meta = Map.of();
        List<Entry> entries = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        for (Map.Entry<?, ?> kv : header.entrySet()) {
            String key = (String) kv.getKey();
            if (key.equals("__metadata__")) {
                meta = stringMap(kv.getValue(), where + ": __metadata__");
                continue;
            }
            String what = where + ": tensor " + key;
            if (!(kv.getValue() instanceof Map<?, ?> info)) {
                throw new TicketFormatException(what + " is not described by a JSON object.");
            }
            Object dtype = info.get("dtype");
            long[] shape = longs(info.get("shape"), what + " shape", -1);
            long[] off = longs(info.get("data_offsets"), what + " data_offsets", 2);
            boolean mask;
            int item;
            if ("F32".equals(dtype)) {
                mask = false;
                item = 4;
            } else if ("U8".equals(dtype) || "BOOL".equals(dtype)) {
                mask = true;
                item = 1;
            } else {
                throw new TicketFormatException(what + " has dtype " + dtype
                        + "; tickets store weights as F32 and masks as U8 or BOOL.");
            }
            int size = Entry.checkedSize(shape, what);
            if (off[0] < 0 || off[1] < off[0] || off[1] > bufferLen) {
                throw new TicketFormatException(what + " has data_offsets [" + off[0] + ", " + off[1]
                        + "] outside the " + bufferLen + "-byte data buffer" + (off[1] > bufferLen ? " (truncated)." : "."));
            }
            if (off[1] - off[0] != (long) size * item) {
                throw new TicketFormatException(what + " has shape " + Arrays.toString(shape) + " of " + dtype + " ("
                        + (long) size * item + " bytes) but data_offsets span " + (off[1] - off[0]) + " bytes.");
            }
            ByteBuffer d = ByteBuffer.wrap(file, bufferStart + (int) off[0], (int) (off[1] - off[0])).slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
            float[] v = new float[size];
            for (int i = 0; i < size; i++) {
                v[i] = mask ? NpzCodec.byteToMask(d.get(i)) : Float.intBitsToFloat(d.getInt(4 * i));
            }
            entries.add(new Entry(key, mask, Entry.toInt(shape), v));
            ranges.add(new long[]{off[0], off[1], entries.size() - 1});
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        long expect = 0;
        List<Entry> ordered = new ArrayList<>();
        for (long[] r : ranges) {
            if (r[0] != expect) {
                throw new TicketFormatException(where + ": tensor " + entries.get((int) r[2]).key() + " starts at byte "
                        + r[0] + " of the buffer where " + expect + " was expected (tensors overlap or leave a gap).");
            }
            expect = r[1];
            ordered.add(entries.get((int) r[2]));
        }
        if (expect != bufferLen) {
            throw new TicketFormatException(where + " has " + (bufferLen - expect) + " bytes after its last tensor; "
                    + "the data buffer must end with the file.");
        }
        String sha = meta.get("jackpot.sha256");
        if (sha != null) {
            MessageDigest md = sha256();
            md.update(file, bufferStart, (int) bufferLen);
            if (!HexFormat.of().formatHex(md.digest()).equals(sha)) {
                throw new TicketFormatException(where + ": the data buffer does not match its SHA-256 in the header "
                        + "(corrupt file).");
            }
        }
        String format = meta.get("jackpot.format");
        if (format != null && !format.equals(NpzCodec.FORMAT)) {
            throw new TicketFormatException(where + " declares format " + format + "; this version reads "
                    + NpzCodec.FORMAT + ".");
        }
        String spec = meta.getOrDefault("jackpot.spec", "{}");
        Map<String, String> user = new LinkedHashMap<>(meta);
        user.keySet().removeIf(k -> k.startsWith(Ticket.RESERVED_PREFIX));
        return Entry.toTicket(ordered, spec, user, where);
    }

    static Map<String, String> stringMap(Object value, String what) throws TicketFormatException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new TicketFormatException(what + " is not a JSON object of strings.");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new TicketFormatException(what + ": the value of " + e.getKey() + " is not a string.");
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private static long[] longs(Object value, String what, int length) throws TicketFormatException {
        if (!(value instanceof List<?> list) || (length >= 0 && list.size() != length)) {
            throw new TicketFormatException(what + " must be a JSON array" + (length >= 0 ? " of " + length : "")
                    + " integers.");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long l)) {
                throw new TicketFormatException(what + " must hold integers, got " + list.get(i) + ".");
            }
            out[i] = l;
        }
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
