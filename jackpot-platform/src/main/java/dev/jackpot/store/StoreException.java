package dev.jackpot.store;

/**
 * A results store that cannot be opened, read or written: the file is not a SQLite database, is not
 * a Jackpot results store, has a schema version this code does not know, or the disk failed. The
 * message names the file and what is wrong.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, in a full sentence
     * @param cause   the underlying error, or null
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
