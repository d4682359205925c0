package dev.jackpot.nn;

import dev.jackpot.jobs.Job;
import dev.jackpot.jobs.JobOutcome;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.jobs.TaskRunner;
import dev.jackpot.jobs.TaskSource;
import dev.jackpot.store.TrialRow;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Executors for job tests: one that fails a chosen job, one that records the jobs it ran. */
public final class TestExecutors {

    private TestExecutors() {
    }

    /** Delegates, replacing one job's outcome by a failure. */
    public static class Failing implements TaskExecutor {
        final TaskExecutor inner;
        final String key;

        public Failing(TaskExecutor inner, String key) {
            this.inner = inner;
            this.key = key;
        }

        @Override
        public String name() {
            return "failing " + inner.name();
        }

        @Override
        public int parallelism() {
            return inner.parallelism();
        }

        @Override
        public boolean execute(TaskSource source, String specYaml, List<TaskRunner.Task> pending, Consumer<TrialRow> sink,
                               BooleanSupplier stop) throws IOException {
            return inner.execute(source, specYaml, pending, sink, stop);
        }

        @Override
        public boolean executeJobs(String kind, String specYaml, List<Job> jobs, Consumer<JobOutcome> sink,
                                   BooleanSupplier stop) throws IOException {
            return inner.executeJobs(kind, specYaml, jobs, o -> sink.accept(o.key().equals(key)
                    ? JobOutcome.failed(o.key(), new IllegalStateException("injected failure")) : o), stop);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** Delegates, recording the keys of the jobs run. */
    public static final class Counting extends Failing {
        final List<String> ran;

        public Counting(TaskExecutor inner, List<String> ran) {
            super(inner, "");
            this.ran = ran;
        }

        @Override
        public boolean executeJobs(String kind, String specYaml, List<Job> jobs, Consumer<JobOutcome> sink,
                                   BooleanSupplier stop) throws IOException {
            jobs.forEach(j -> ran.add(j.key()));
            return super.executeJobs(kind, specYaml, jobs, sink, stop);
        }
    }
}
