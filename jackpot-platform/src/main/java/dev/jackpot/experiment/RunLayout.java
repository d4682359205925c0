package dev.jackpot.experiment;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The one place that knows where a run's files live:
 *
 * <pre>
 *   &lt;root&gt;/&lt;kind&gt;-&lt;hash&gt;/
 *       spec.yaml        the full spec, defaults included
 *       manifest.json    code version, Java, OS, derived seeds, start and end time
 *       trajectory.csv   per-iteration metrics (teacher runs)
 *       result.json      the metrics; written last, so its presence marks the run finished
 *       results.sqlite   one row per trial (sweeps and job runs), see {@code dev.jackpot.store}
 *       plots/NAME.png   figures, each also as NAME.svg
 *       rep-R/           one replicate of a lottery run; its levels as in {@link LevelLayout}
 * </pre>
 *
 * @param root the directory holding runs (default {@code runs/} under the working directory)
 * @param id   the run's id
 */
public record RunLayout(Path root, RunId id) {

    /** Default root for runs, relative to the working directory. */
    public static final String DEFAULT_ROOT = "runs";

    /**
     * @throws NullPointerException if an argument is null
     */
    public RunLayout {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(id, "id");
    }

    /** @return the run's directory */
    public Path dir() {
        return root.resolve(id.toString());
    }

    /** @return the full spec, YAML */
    public Path spec() {
        return dir().resolve("spec.yaml");
    }

    /** @return the manifest, JSON */
    public Path manifest() {
        return dir().resolve("manifest.json");
    }

    /** @return the per-iteration trajectory, CSV */
    public Path trajectory() {
        return dir().resolve("trajectory.csv");
    }

    /** @return the run's checked claims in the shared shape (written with its report), JSON */
    public Path claims() {
        return dir().resolve("claims.json");
    }

    /** @return the final metrics, JSON; present only for a finished run */
    public Path result() {
        return dir().resolve("result.json");
    }

    /** The file name of a run's results store. */
    public static final String RESULTS = "results.sqlite";

    /** @return the results store of a run made of trials, SQLite */
    public Path results() {
        return dir().resolve(RESULTS);
    }

    /** @return the directory of plots */
    public Path plots() {
        return dir().resolve("plots");
    }

    /**
     * @param name      the plot's base name
     * @param extension {@code png} or {@code svg}
     * @return the plot's file
     */
    public Path plot(String name, String extension) {
        return plots().resolve(name + "." + extension);
    }

    /** @return the directory of a run's finished cells, one file each (runs that resume by cell) */
    public Path cells() {
        return dir().resolve("cells");
    }

    /**
     * @param key the cell's key, file-name safe
     * @return the cell's file, {@code cells/<key>.json}
     */
    public Path cell(String key) {
        if (!key.matches("[A-Za-z0-9._=+-]+")) {
            throw new IllegalArgumentException("A cell key must be file-name safe, got '" + key + "'.");
        }
        return cells().resolve(key + ".json");
    }

    /**
     * @param replicate the replicate index, non-negative
     * @return the replicate's directory, {@code rep-<r>}
     */
    public Path replicate(int replicate) {
        if (replicate < 0) {
            throw new IllegalArgumentException("The replicate index must be non-negative, got " + replicate + ".");
        }
        return dir().resolve("rep-" + replicate);
    }

    /** @return the IMP levels of one replicate */
    public LevelLayout levels(int replicate) {
        return new LevelLayout(replicate(replicate));
    }
}
