package dev.jackpot.nn.popup;

import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.jobs.Job;
import dev.jackpot.jobs.JobOutcome;
import dev.jackpot.jobs.JobSource;
import dev.jackpot.jobs.TaskExecutor;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.FashionMnist;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A PGD+StrongLTH table ({@link PerturbedStrongLth}) as jobs of a {@link TaskExecutor} (Spark, or this
 * JVM's threads), in two dependency rounds: first one projected-SGD job per radius with an unfinished cell
 * ({@code eps=<eps>/pgd}, plus {@code eps=Infinity/pgd} for "SGD only"), which returns the unpruned cell and
 * the perturbed weights {@code W_eps}; then one edge-popup job per unfinished cell
 * ({@code eps=<eps>/s=<s>}), shipped its eps's weights as a shared part. Each job runs the function the local run calls
 * ({@link PerturbedStrongLth#pgd}, {@link PerturbedStrongLth#popupCell}) on a setup rebuilt from the spec,
 * at the intra-op thread count the driver pins, so the cells are the local run's bit for bit. The driver
 * keeps every cell in the run's store as it arrives: a killed run resumes at its unfinished cells, and a
 * radius whose unpruned cell was kept has its PGD checked against it, as in a local resume.
 */
public final class PerturbJobs implements JobSource {

    private static final byte PGD = 0;
    private static final byte POPUP = 1;

    /** The setup last built in this JVM, reused by the jobs of the same run. */
    private static Cached last;

    private record Cached(String specJson, PerturbedStrongLth lth, PerturbedStrongLth.Setup setup, int threads) {
    }

    @Override
    public String kind() {
        return PerturbRun.KIND;
    }

    @Override
    public byte[] run(String specJson, String key, byte[] input, List<byte[]> shared) throws Exception {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(input))) {
            byte type = in.readByte();
            int threads = in.readInt();
            double eps = in.readDouble();
            double pruned = type == PGD ? 0 : in.readDouble();
            String expected = type == PGD ? pgdKey(eps) : cellKey(eps, pruned);
            if (!key.equals(expected)) {
                throw new IllegalArgumentException("Job " + key + " carries the input of " + expected + ".");
            }
            synchronized (Compute.TRAINING_JOBS) {
                Cached c = cached(specJson, threads);
                if (type == PGD) {
                    ProjectedSgd.Result p = c.lth().pgd(c.setup(), eps);
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (DataOutputStream out = new DataOutputStream(bytes)) {
                        writeCell(out, PerturbedStrongLth.denseCell(eps, p));
                        writeTensors(out, p.weights());
                    }
                    return bytes.toByteArray();
                }
                double maxDeviation = in.readDouble();
                if (shared.size() != 1) {
                    throw new IOException("Job " + key + " came with " + shared.size() + " shared parts, not its eps's "
                            + "weights alone.");
                }
                TensorSet weights;
                try (DataInputStream w = new DataInputStream(new ByteArrayInputStream(shared.get(0)))) {
                    weights = readTensors(w);
                }
                return cellBytes(c.lth().popupCell(c.setup(), eps, pruned, weights, maxDeviation));
            }
        }
    }

    private static Cached cached(String specJson, int threads) throws IOException {
        Cached c = last;
        if (c == null || !c.specJson().equals(specJson) || c.threads() != threads) {
            PerturbSpec spec = SpecCodec.json().readValue(specJson, PerturbSpec.class);
            PerturbedStrongLth lth = new PerturbedStrongLth(Compute.cpu(threads), spec);
            c = new Cached(specJson, lth, lth.setup(FashionMnist.load()), threads);
            last = c;
        }
        return c;
    }

    static String pgdKey(double eps) {
        return "eps=" + eps + "/pgd";
    }

    static String cellKey(double eps, double pruned) {
        return "eps=" + eps + "/s=" + pruned;
    }

    /**
     * Runs (or resumes) a table on an executor, keeping each cell in {@code store} as it arrives.
     *
     * @param lth      the experiment
     * @param threads  the intra-op thread count every job trains with (part of what makes cells bit-identical)
     * @param store    finished cells
     * @param listener progress: kept cells first, then each computed cell as it arrives
     * @param executor where the jobs run
     * @return the table
     * @throws IOException if a job failed (after every other cell finished), or the executor failed
     */
    static PerturbedStrongLth.Result runAll(PerturbedStrongLth lth, int threads, PerturbedStrongLth.CellStore store,
                                            PerturbedStrongLth.Listener listener, TaskExecutor executor)
            throws IOException {
        long t0 = System.nanoTime();
        PerturbSpec spec = lth.spec();
        String specJson = SpecCodec.json().writeValueAsString(spec);
        List<Double> sparsities = lth.sparsities();
        List<Double> radii = new ArrayList<>(spec.epsilons());
        radii.add(Double.POSITIVE_INFINITY);
        int total = lth.cellCount();
        int[] done = {0};
        Map<String, PerturbedStrongLth.Cell> cells = new HashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        List<Job> pgdJobs = new ArrayList<>();
        for (double eps : radii) {
            boolean missing = false;
            for (double s : cellsOf(eps, sparsities)) {
                Optional<PerturbedStrongLth.Cell> kept = store.load(eps, s);
                if (kept.isPresent()) {
                    cells.put(cellKey(eps, s), kept.get());
                    listener.onCell(kept.get(), ++done[0], total);
                } else {
                    missing = true;
                }
            }
            if (missing) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    out.writeByte(PGD);
                    out.writeInt(threads);
                    out.writeDouble(eps);
                }
                pgdJobs.add(new Job(pgdKey(eps), bytes.toByteArray()));
            }
        }
        // round 1: projected SGD per radius; the unpruned cells are kept (or checked) on arrival
        Map<Double, byte[]> perturbed = new HashMap<>();
        Map<Double, Double> deviation = new HashMap<>();
        execute(executor, specJson, pgdJobs, o -> {
            double eps = Double.parseDouble(o.key().substring(4, o.key().indexOf('/')));
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(o.output()))) {
                PerturbedStrongLth.Cell fresh = readCell(in);
                Optional<PerturbedStrongLth.Cell> kept = Optional.ofNullable(cells.get(cellKey(eps, 0)));
                PerturbedStrongLth.Cell dense = PerturbedStrongLth.kept(store, kept, fresh);
                if (kept.isEmpty()) {
                    cells.put(cellKey(eps, 0), dense);
                    listener.onCell(dense, ++done[0], total);
                }
                perturbed.put(eps, in.readAllBytes());
                deviation.put(eps, fresh.maxDeviation());
            }
        }, failures);
        // round 2: edge-popup per unfinished cell, shipped its radius's weights
        List<Job> popupJobs = new ArrayList<>();
        for (double eps : spec.epsilons()) {
            byte[] weights = perturbed.get(eps);
            for (double s : sparsities) {
                if (weights == null || cells.containsKey(cellKey(eps, s))) {
                    continue;
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    out.writeByte(POPUP);
                    out.writeInt(threads);
                    out.writeDouble(eps);
                    out.writeDouble(s);
                    out.writeDouble(deviation.get(eps));
                }
                // the weights are the same for every cell of this eps: a shared part, shipped once per executor
                popupJobs.add(new Job(cellKey(eps, s), bytes.toByteArray(), List.of(weights)));
            }
        }
        execute(executor, specJson, popupJobs, o -> {
            PerturbedStrongLth.Cell c;
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(o.output()))) {
                c = readCell(in);
            }
            store.save(c);
            cells.put(o.key(), c);
            listener.onCell(c, ++done[0], total);
        }, failures);
        if (!failures.isEmpty()) {
            StringBuilder m = new StringBuilder(failures.size() + " perturb job(s) failed on " + executor.name()
                    + "; every cell that finished is kept, and running the same command again computes only the rest:");
            failures.forEach((k, cause) -> m.append("\n  ").append(k).append(": ").append(cause));
            throw new IOException(m.toString());
        }
        List<PerturbedStrongLth.Cell> table = new ArrayList<>();
        for (double eps : spec.epsilons()) {
            for (double s : cellsOf(eps, sparsities)) {
                table.add(cells.get(cellKey(eps, s)));
            }
        }
        return lth.result(table, cells.get(cellKey(Double.POSITIVE_INFINITY, 0)), (System.nanoTime() - t0) / 1e9);
    }

    /** @return the fractions pruned of one radius's cells: 0 and every sparsity, or only 0 for "SGD only" */
    private static List<Double> cellsOf(double eps, List<Double> sparsities) {
        List<Double> out = new ArrayList<>();
        out.add(0.0);
        if (eps != Double.POSITIVE_INFINITY) {
            out.addAll(sparsities);
        }
        return out;
    }

    /** What the driver does with one successful outcome. */
    private interface Arrival {
        void accept(JobOutcome outcome) throws IOException;
    }

    private static void execute(TaskExecutor executor, String specJson, List<Job> jobs, Arrival arrival,
                                Map<String, String> failures) throws IOException {
        if (jobs.isEmpty()) {
            return;
        }
        Set<String> arrived = new HashSet<>();
        IOException[] broken = {null};
        boolean interrupted = executor.executeJobs(PerturbRun.KIND, specJson, jobs, o -> {
            arrived.add(o.key());
            if (broken[0] != null) {
                return;
            }
            if (!o.succeeded()) {
                failures.put(o.key(), o.failure().strip());
                return;
            }
            try {
                arrival.accept(o);
            } catch (IOException | RuntimeException e) {
                broken[0] = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
        }, () -> broken[0] != null);
        if (broken[0] != null) {
            throw broken[0];
        }
        if (interrupted) {
            throw new InterruptedIOException("Interrupted while the perturb table's jobs ran; finished cells are kept, "
                    + "run the same command again to resume.");
        }
        for (Job j : jobs) {
            if (!arrived.contains(j.key())) {
                failures.put(j.key(), "no outcome arrived (the executor skipped the job)");
            }
        }
    }

    private static byte[] cellBytes(PerturbedStrongLth.Cell c) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeCell(out, c);
        }
        return bytes.toByteArray();
    }

    private static void writeCell(DataOutputStream out, PerturbedStrongLth.Cell c) throws IOException {
        out.writeDouble(c.eps());
        out.writeDouble(c.pruned());
        out.writeDouble(c.testAccuracy());
        out.writeDouble(c.validationLoss());
        out.writeDouble(c.maxDeviation());
    }

    private static PerturbedStrongLth.Cell readCell(DataInputStream in) throws IOException {
        return new PerturbedStrongLth.Cell(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble());
    }

    /** Names, shapes and the raw bits of every value: the weights arrive exactly as trained. */
    private static void writeTensors(DataOutputStream out, TensorSet set) throws IOException {
        out.writeInt(set.size());
        for (NamedTensor t : set) {
            out.writeUTF(t.name());
            out.writeInt(t.shape().length);
            for (int d : t.shape()) {
                out.writeInt(d);
            }
            float[] v = t.values();
            out.writeInt(v.length);
            for (float f : v) {
                out.writeInt(Float.floatToRawIntBits(f));
            }
        }
    }

    private static TensorSet readTensors(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<NamedTensor> tensors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int[] shape = new int[in.readInt()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = in.readInt();
            }
            float[] v = new float[in.readInt()];
            for (int j = 0; j < v.length; j++) {
                v[j] = Float.intBitsToFloat(in.readInt());
            }
            tensors.add(new NamedTensor(name, shape, v));
        }
        return TensorSet.of(tensors);
    }
}
