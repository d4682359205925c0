package dev.jackpot.jobs;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Rebuilds an experiment's tasks from its spec, so that a task can run in another JVM (a Spark
 * executor) from the spec's text and the task's key alone: lambdas do not travel, specs do. Found by
 * {@link ServiceLoader} under its {@link #kind()}; every {@link TaskRunner} experiment that runs on a
 * cluster registers one in {@code META-INF/services/dev.jackpot.jobs.TaskSource}.
 */
public interface TaskSource {

    /** @return the experiment's kind, the prefix of its run ids, e.g. {@code lueker} */
    String kind();

    /**
     * @param specYaml the experiment's spec as its run's {@code spec.yaml} holds it
     * @return every task of the experiment, the same keys, seeds and bodies as on the driver
     */
    List<TaskRunner.Task> tasks(String specYaml);

    /**
     * @param kind an experiment kind
     * @return its task source
     * @throws IllegalStateException if none is on the classpath
     */
    static TaskSource find(String kind) {
        for (TaskSource s : ServiceLoader.load(TaskSource.class)) {
            if (s.kind().equals(kind)) {
                return s;
            }
        }
        throw new IllegalStateException("No task source for experiments of kind '" + kind + "' is on the classpath "
                + "(META-INF/services/" + TaskSource.class.getName() + "), so its tasks cannot be rebuilt here.");
    }
}
