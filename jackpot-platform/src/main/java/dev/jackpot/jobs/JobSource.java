package dev.jackpot.jobs;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Runs the jobs of a chained experiment from their spec, key and input bytes, in whatever JVM the
 * executor chose: the counterpart of {@link TaskSource} for experiments whose jobs depend on earlier
 * jobs' outputs (IMP: level L needs level L−1's ticket), so that the driver ships each job its inputs
 * and commits its output. Found by {@link ServiceLoader} under its {@link #kind()}, registered in
 * {@code META-INF/services/dev.jackpot.jobs.JobSource}.
 */
public interface JobSource {

    /** @return the experiment's kind, e.g. {@code lottery} */
    String kind();

    /**
     * @param specYaml the experiment's spec
     * @param key      the job's key
     * @param input    the job's own input
     * @param shared   the job's shared parts ({@link Job#shared}), in its order
     * @return the job's output
     * @throws Exception whatever the job throws (it becomes a failed {@link JobOutcome})
     */
    byte[] run(String specYaml, String key, byte[] input, List<byte[]> shared) throws Exception;

    /**
     * @param kind an experiment kind
     * @return its job source
     * @throws IllegalStateException if none is on the classpath
     */
    static JobSource find(String kind) {
        for (JobSource s : ServiceLoader.load(JobSource.class)) {
            if (s.kind().equals(kind)) {
                return s;
            }
        }
        throw new IllegalStateException("No job source for experiments of kind '" + kind + "' is on the classpath "
                + "(META-INF/services/" + JobSource.class.getName() + "), so its jobs cannot run here.");
    }
}
