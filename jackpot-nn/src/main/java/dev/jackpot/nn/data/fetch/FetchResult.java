package dev.jackpot.nn.data.fetch;

import java.nio.file.Path;
import java.util.List;

/**
 * What a fetch left in place.
 *
 * @param dataset    the dataset's name
 * @param dir        the directory holding its files
 * @param files      the dataset's files as the readers see them, each verified
 * @param downloaded bytes transferred by this fetch (0 when everything was already in place)
 */
public record FetchResult(String dataset, Path dir, List<Entry> files, long downloaded) {

    public FetchResult {
        files = List.copyOf(files);
    }

    /** @return whether this fetch found everything already in place and verified */
    public boolean alreadyPresent() {
        return files.stream().allMatch(f -> f.how() == How.PRESENT);
    }

    /** How a file came to be in place. */
    public enum How {
        /** It was there already and verified. */
        PRESENT,
        /** Downloaded whole by this fetch. */
        DOWNLOADED,
        /** Downloaded by this fetch, continuing a partial download. */
        RESUMED,
        /** Taken out of the verified archive by this fetch. */
        EXTRACTED;

        /** @return the lower-case word for listings */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param name   the file name inside {@link #dir()}
     * @param bytes  its size
     * @param sha256 its SHA-256
     * @param how    how it came to be in place
     */
    public record Entry(String name, long bytes, String sha256, How how) {
    }
}
