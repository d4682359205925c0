package dev.jackpot.spark;

import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.jobs.TaskExecutorProvider;

/**
 * The {@code spark} engine for {@link dev.jackpot.jobs.TaskRunner} experiments ({@code strong lueker}),
 * found by {@link java.util.ServiceLoader} like {@link SparkEngineProvider}: a client-mode context, one
 * task per Spark task.
 */
public final class SparkTaskEngineProvider implements TaskExecutorProvider {

    @Override
    public String engine() {
        return SparkEngineProvider.ENGINE;
    }

    @Override
    public TaskExecutor open(String master, String appName) {
        return SparkTaskExecutor.start(SparkEngineProvider.conf(master, appName));
    }
}
