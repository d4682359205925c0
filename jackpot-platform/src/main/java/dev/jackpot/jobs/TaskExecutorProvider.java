package dev.jackpot.jobs;

/**
 * A {@link TaskExecutor} engine other than the local threads, found by {@link java.util.ServiceLoader}
 * (jackpot-spark provides {@code spark}), so that the modules running experiments never depend on it.
 */
public interface TaskExecutorProvider {

    /** @return the engine's name, as {@code --engine} gives it */
    String engine();

    /**
     * @param master  the cluster's address, or null for the engine's own default
     * @param appName the job's name
     * @return a started executor; close it when done
     */
    TaskExecutor open(String master, String appName);
}
