package dev.jackpot.nn.data.fetch;

/** What a {@link Fetcher} reports as it works; the CLI turns it into progress bars. */
public interface FetchListener {

    /** Reports nothing. */
    FetchListener NONE = new FetchListener() {
    };

    /**
     * A file's transfer or extraction starts.
     *
     * @param file  the file
     * @param total its size in bytes
     * @param from  where it comes from (a URL, or the archive's name)
     */
    default void started(String file, long total, String from) {
    }

    /**
     * @param file the file
     * @param done bytes of it in place so far (resumed bytes included)
     */
    default void progress(String file, long done) {
    }

    /**
     * The file is in place and verified.
     *
     * @param file the file
     */
    default void finished(String file) {
    }

    /**
     * A mirror or an attempt failed and the next is tried.
     *
     * @param file   the file
     * @param reason what went wrong, as a sentence
     */
    default void retrying(String file, String reason) {
    }
}
