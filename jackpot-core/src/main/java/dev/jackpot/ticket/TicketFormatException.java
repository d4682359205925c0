package dev.jackpot.ticket;

import java.io.IOException;

/** A ticket file that is truncated, corrupted or not a ticket; the message says what is wrong and where. */
public final class TicketFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message a full sentence
     */
    public TicketFormatException(String message) {
        super(message);
    }

    /**
     * @param message a full sentence
     * @param cause   the underlying error
     */
    public TicketFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
