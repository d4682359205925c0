package dev.jackpot.nn.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be read as the format it claims: wrong magic number, impossible
 * dimensions, a label out of range, or a length that does not match the header (truncated or
 * padded). The message is a full sentence naming the file.
 */
public final class MalformedDataException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param file   the offending file
     * @param reason what is wrong, as a sentence fragment completing "&lt;file&gt; is not a valid ..."
     */
    public MalformedDataException(Path file, String reason) {
        super(file + ": " + reason);
    }

    /**
     * @param file   the offending file
     * @param reason what is wrong
     * @param cause  the underlying I/O error (e.g. a truncated gzip stream)
     */
    public MalformedDataException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
    }
}
