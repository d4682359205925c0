package dev.jackpot.experiment;

/**
 * A spec that cannot be loaded: malformed YAML or JSON, an unknown field, a value of the wrong type
 * or outside its allowed range. The message names the field, the value and what is allowed.
 */
public final class SpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, in a full sentence
     * @param cause   the underlying error, or null
     */
    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
