package dev.jackpot.sweep;

/**
 * A sweep engine found at run time with {@link java.util.ServiceLoader}, so that the command line
 * can offer engines (such as Spark, in module {@code jackpot-spark}) without depending on them: an
 * engine is available exactly when its jar is on the classpath.
 */
public interface TrialExecutorProvider {

    /** @return the engine's name, as given to {@code --engine}, e.g. {@code spark} */
    String engine();

    /**
     * Starts an executor. Close it when done.
     *
     * @param master  where to run: the engine's cluster address (for Spark a master URL such as
     *                {@code local[2]}, {@code spark://host:7077} or {@code yarn}); null for the
     *                engine's default
     * @param appName a name for the job, shown in the engine's UI
     * @return the started executor
     * @throws IllegalArgumentException if the master is not a valid address for the engine
     */
    TrialExecutor open(String master, String appName);
}
