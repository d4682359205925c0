package dev.jackpot.nn.lottery;

import dev.jackpot.experiment.BranchBytes;
import dev.jackpot.experiment.FileLevelStore;
import dev.jackpot.experiment.RunLayout;
import dev.jackpot.jobs.Job;
import dev.jackpot.jobs.JobOutcome;
import dev.jackpot.jobs.JobSource;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.nn.Compute;
import dev.jackpot.prune.BranchResult;
import dev.jackpot.prune.ImpRunner;
import dev.jackpot.prune.LevelResult;
import dev.jackpot.prune.LevelStore;
import dev.jackpot.run.RunLock;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lottery run as jobs of a {@link TaskExecutor} (Spark, or this JVM's threads). Job = one branch of
 * one level of one replicate, keyed {@code rep-<r>/level-<L>/<branch>}: the ticket and each control of a
 * level depend only on level 0's and level L−1's tickets, so a round runs every branch of every
 * unfinished replicate's next level at once. The driver ships each job those two tickets
 * ({@link BranchBytes}, the files {@link FileLevelStore} writes) and the thread count and sparse-engine
 * threshold it must train with; the job trains with {@link ImpRunner#trainBranch}, the function of a
 * local run, and returns its branch as bytes; the driver commits a level once all its branches arrived,
 * through the same store, so a killed driver or a lost executor resumes at the first unfinished level.
 *
 * <p>DJL allows one gradient collector per JVM, so an executor JVM trains one job at a time (a JVM-wide
 * lock): with Spark, give each executor one core ({@code spark.executor.cores=1}) and scale by executors.
 */
public final class LotteryJobs implements JobSource {

    /** The setup last built in this JVM, reused by the jobs of the same run. */
    private static Cached last;

    private record Cached(String specYaml, LotterySpec spec, String specJson, Lottery.Setup setup) {
    }

    /**
     * What a job needs besides the spec. The two tickets travel as the job's shared parts (every branch of a
     * replicate's level starts from the same two), the rest as its own input.
     */
    record Input(int replicate, int level, String branch, int threads, double sparseBelow, byte[] zero, byte[] prev) {

        /** @return the job's own input: everything but the tickets, and which of them are present */
        byte[] encode() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(replicate);
                out.writeInt(level);
                out.writeUTF(branch);
                out.writeInt(threads);
                out.writeDouble(sparseBelow);
                out.writeBoolean(zero != null);
                out.writeBoolean(prev != null);
            }
            return bytes.toByteArray();
        }

        /** @return the job's shared parts: the tickets present, level 0's first */
        List<byte[]> shared() {
            List<byte[]> out = new ArrayList<>(2);
            if (zero != null) {
                out.add(zero);
            }
            if (prev != null) {
                out.add(prev);
            }
            return out;
        }

        Job job() throws IOException {
            return new Job(key(replicate, level, branch), encode(), shared());
        }

        static Input decode(byte[] input, List<byte[]> shared) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(input))) {
                int replicate = in.readInt();
                int level = in.readInt();
                String branch = in.readUTF();
                int threads = in.readInt();
                double sparseBelow = in.readDouble();
                boolean hasZero = in.readBoolean();
                boolean hasPrev = in.readBoolean();
                if (shared.size() != (hasZero ? 1 : 0) + (hasPrev ? 1 : 0)) {
                    throw new IOException("Job " + key(replicate, level, branch) + " came with " + shared.size()
                            + " shared parts where its input names " + ((hasZero ? 1 : 0) + (hasPrev ? 1 : 0)) + ".");
                }
                byte[] zero = hasZero ? shared.get(0) : null;
                byte[] prev = hasPrev ? shared.get(hasZero ? 1 : 0) : null;
                return new Input(replicate, level, branch, threads, sparseBelow, zero, prev);
            }
        }
    }

    @Override
    public String kind() {
        return Lottery.KIND;
    }

    @Override
    public byte[] run(String specYaml, String key, byte[] bytes, List<byte[]> shared) throws Exception {
        Input in = Input.decode(bytes, shared);
        if (!key.equals(key(in.replicate(), in.level(), in.branch()))) {
            throw new IllegalArgumentException("Job " + key + " carries the input of " + key(in.replicate(), in.level(),
                    in.branch()) + ".");
        }
        synchronized (Compute.TRAINING_JOBS) {
            Cached c = cached(specYaml);
            Compute compute = Compute.cpu(in.threads()).withSparseBelow(in.sparseBelow());
            ImpRunner runner = c.setup().runner(c.spec(), compute, in.replicate(), NO_STORE, LotteryListener.NONE,
                    new int[1]);
            BranchResult zero = in.zero() == null ? null : BranchBytes.decode(0, BranchResult.MAIN, in.zero());
            BranchResult prev = in.prev() == null ? null
                    : BranchBytes.decode(in.level() - 1, BranchResult.MAIN, in.prev());
            BranchResult trained = runner.trainBranch(in.level(), in.branch(), zero, prev);
            return BranchBytes.encode(in.level(), trained, c.specJson());
        }
    }

    private static Cached cached(String specYaml) throws IOException {
        Cached c = last;
        if (c == null || !c.specYaml().equals(specYaml)) {
            LotterySpec spec = Lottery.CODEC.parseYaml(specYaml);
            c = new Cached(specYaml, spec, Lottery.specJson(spec), Lottery.Setup.of(spec));
            last = c;
        }
        return c;
    }

    static String key(int replicate, int level, String branch) {
        return "rep-" + replicate + "/level-" + level + "/" + branch;
    }

    /** Jobs train branches; they never save or load levels (the driver does). */
    private static final LevelStore NO_STORE = new LevelStore() {
        @Override
        public int finishedLevels() {
            throw new UnsupportedOperationException("A lottery job has no level store.");
        }

        @Override
        public void save(LevelResult result) {
            throw new UnsupportedOperationException("A lottery job has no level store.");
        }

        @Override
        public LevelResult load(int level) {
            throw new UnsupportedOperationException("A lottery job has no level store.");
        }
    };

    /** The driver's view of one replicate. */
    private static final class Chain {
        final int replicate;
        final ImpRunner runner;
        final List<LevelResult> levels = new ArrayList<>();
        /** Level 0's and the last committed level's tickets as shipped; null until level 0 is committed. */
        byte[] zero;
        byte[] prev;
        /** Whether a job of this replicate failed: it stops at that level. */
        boolean failed;

        Chain(int replicate, ImpRunner runner) {
            this.replicate = replicate;
            this.runner = runner;
        }

        int next() {
            return levels.size();
        }
    }

    /**
     * Runs (or resumes) every replicate of a run on an executor, committing each level to the run directory.
     *
     * @param count incremented for every level committed
     * @return every replicate's levels, the earlier ones loaded from the run directory
     * @throws IOException if a job failed (after every other replicate finished) or the store fails
     */
    static Map<Integer, List<LevelResult>> runAll(LotterySpec spec, Lottery.Setup setup, RunLayout layout, Compute compute,
                                                  LotteryListener listener, TaskExecutor executor, int[] count)
            throws IOException {
        String specYaml = Lottery.CODEC.toYaml(spec);
        String specJson = Lottery.specJson(spec);
        List<Chain> chains = new ArrayList<>();
        List<RunLock> locks = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        try {
            for (int r = 0; r < spec.replicates(); r++) {
                locks.add(RunLock.acquire(layout.levels(r).dir()));
                FileLevelStore store = new FileLevelStore(layout.levels(r), specJson);
                Chain c = new Chain(r, setup.runner(spec, compute, r, store, listener, count));
                int finished = Math.min(store.finishedLevels(), spec.levels() + 1);
                for (int l = 0; l < finished; l++) {
                    c.levels.add(store.load(l));
                }
                if (finished > 0) {
                    c.zero = BranchBytes.encode(0, c.levels.get(0).main(), specJson);
                    c.prev = BranchBytes.encode(finished - 1, c.levels.get(finished - 1).main(), specJson);
                }
                listener.replicateStarted(r, finished);
                chains.add(c);
            }
            while (true) {
                List<Job> jobs = new ArrayList<>();
                List<Chain> round = new ArrayList<>();
                for (Chain c : chains) {
                    if (c.next() > spec.levels() || c.failed) {
                        continue;
                    }
                    round.add(c);
                    int level = c.next();
                    for (String branch : c.runner.branches(level)) {
                        jobs.add(new Input(c.replicate, level, branch, compute.threads(), compute.sparseBelow(),
                                c.zero, c.prev).job());
                    }
                }
                if (jobs.isEmpty()) {
                    break;
                }
                Map<String, JobOutcome> outcomes = new HashMap<>();
                if (executor.executeJobs(Lottery.KIND, specYaml, jobs, o -> outcomes.put(o.key(), o), () -> false)) {
                    throw new InterruptedIOException("Interrupted while the lottery's jobs ran; finished levels are "
                            + "kept, run the same command again to resume.");
                }
                for (Chain c : round) {
                    commit(c, outcomes, failures);
                }
            }
        } finally {
            for (RunLock lock : locks) {
                lock.close();
            }
        }
        if (!failures.isEmpty()) {
            StringBuilder m = new StringBuilder(failures.size() + " lottery job(s) failed on " + executor.name()
                    + "; every level that finished is kept, and running the same command again retries only the "
                    + "unfinished levels:");
            failures.forEach((k, cause) -> m.append("\n  ").append(k).append(": ").append(cause));
            throw new IOException(m.toString());
        }
        Map<Integer, List<LevelResult>> out = new TreeMap<>();
        chains.forEach(c -> out.put(c.replicate, c.levels));
        return out;
    }

    private static void commit(Chain c, Map<String, JobOutcome> outcomes, Map<String, String> failures)
            throws IOException {
        int level = c.next();
        List<BranchResult> branches = new ArrayList<>();
        byte[] main = null;
        for (String branch : c.runner.branches(level)) {
            String key = key(c.replicate, level, branch);
            JobOutcome o = outcomes.get(key);
            if (o == null) {
                failures.put(key, "no outcome arrived (the executor skipped the job)");
                c.failed = true;
            } else if (!o.succeeded()) {
                failures.put(key, o.failure().strip());
                c.failed = true;
            } else {
                branches.add(BranchBytes.decode(level, branch, o.output()));
                if (branch.equals(BranchResult.MAIN)) {
                    main = o.output();
                }
            }
        }
        if (c.failed) {
            return;
        }
        LevelResult result = c.runner.commit(new LevelResult(level, branches.get(0), branches.subList(1, branches.size())));
        c.levels.add(result);
        if (level == 0) {
            c.zero = main;
        }
        c.prev = main;
    }
}
