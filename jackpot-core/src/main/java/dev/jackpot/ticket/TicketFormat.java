package dev.jackpot.ticket;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats a ticket is written in, chosen by file extension. */
public enum TicketFormat {
    /** NumPy {@code .npz}: a zip of {@code .npy} v1.0 arrays, one per tensor. */
    NPZ(".npz"),
    /** Hugging Face safetensors: an 8-byte header length, a JSON header, then raw little-endian data. */
    SAFETENSORS(".safetensors");

    private final String extension;

    TicketFormat(String extension) {
        this.extension = extension;
    }

    /** @return the file extension, with its dot */
    public String extension() {
        return extension;
    }

    /**
     * @param file a path ending in {@code .npz} or {@code .safetensors} (any case)
     * @return its format
     * @throws IllegalArgumentException for any other extension
     */
    public static TicketFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (TicketFormat f : values()) {
            if (name.endsWith(f.extension)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Cannot tell the ticket format of " + file
                + "; the name must end in .npz or .safetensors.");
    }
}
