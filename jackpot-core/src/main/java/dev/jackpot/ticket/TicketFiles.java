package dev.jackpot.ticket;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes and reads tickets as NumPy {@code .npz} ({@link TicketFormat#NPZ}) or safetensors
 * ({@link TicketFormat#SAFETENSORS}), chosen by file extension. A read returns the ticket
 * bit-identically (signed zeros, NaN payloads and subnormals included); the same ticket always
 * gives the same bytes. File layouts: see {@link Ticket} and the format classes' documentation.
 *
 * <p>Python: {@code z = np.load("t.npz"); z["mask/fc1.weight"], z["final/fc1.weight"],
 * json.loads(z["spec"].tobytes())}; for safetensors {@code safetensors.numpy.load_file("t.safetensors")}
 * gives the same keys and {@code safe_open(...).metadata()["jackpot.spec"]} the spec.
 */
public final class TicketFiles {

    private TicketFiles() {
    }

    /**
     * @param ticket the ticket
     * @param format the format
     * @param out    receives the file's bytes (not closed)
     * @throws IOException if writing fails
     */
    public static void write(Ticket ticket, TicketFormat format, OutputStream out) throws IOException {
        if (format == TicketFormat.NPZ) {
            NpzCodec.write(ticket, out);
        } else {
            SafetensorsCodec.write(ticket, out);
        }
        out.flush();
    }

    /**
     * Writes a ticket in the format its extension names. Not atomic: callers that need atomicity
     * write through a temporary file (jackpot-platform's {@code AtomicFiles}).
     *
     * @param ticket the ticket
     * @param file   a path ending in .npz or .safetensors
     * @throws IOException if writing fails
     */
    public static void write(Ticket ticket, Path file) throws IOException {
        TicketFormat format = TicketFormat.of(file);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            write(ticket, format, out);
        }
    }

    /**
     * @param file a ticket file ending in .npz or .safetensors
     * @return the ticket
     * @throws TicketFormatException if the file is truncated, corrupted or not a ticket
     * @throws IOException           if it cannot be read
     */
    public static Ticket read(Path file) throws IOException {
        TicketFormat format = TicketFormat.of(file);
        if (format == TicketFormat.NPZ) {
            return NpzCodec.read(file);
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return SafetensorsCodec.read(bytes, file.toString());
        } catch (RuntimeException e) {
            throw new TicketFormatException(file + " is not a readable safetensors file: " + e.getMessage(), e);
        }
    }
}
