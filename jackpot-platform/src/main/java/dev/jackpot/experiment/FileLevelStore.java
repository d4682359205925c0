package dev.jackpot.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.prune.BranchResult;
import dev.jackpot.prune.LayerCount;
import dev.jackpot.prune.LevelResult;
import dev.jackpot.prune.LevelStore;
import dev.jackpot.prune.OptimizerSnapshot;
import dev.jackpot.prune.PruneResult;
import dev.jackpot.tensor.TensorSet;
import dev.jackpot.ticket.Ticket;
import dev.jackpot.ticket.TicketFiles;
import dev.jackpot.ticket.TicketFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A {@link LevelStore} in a replicate's directory ({@link LevelLayout}). Each branch of a level is
 * a safetensors ticket plus {@code branch.json}, each written atomically ({@link AtomicFiles}); the
 * level's {@code DONE} marker is written last. A level without its marker (a run killed mid-level)
 * does not count: {@link #finishedLevels()} stops there, and {@link #save} clears the partial
 * directory before writing, so a resumed run redoes exactly that level.
 *
 * <p>What each ticket file holds: {@code mask/*} the branch's masks; {@code final/*} its trained
 * weights; {@code rewind/*} the weights its training started from, except at level 0, where
 * {@code init/*} is θ0 (the start) and {@code rewind/*} the weights captured at the rewind step.
 * {@link #ticket} assembles a standalone ticket (θ0, start and final weights) for export. A branch
 * with a saved optimiser state (level 0 under {@code optimizerAtRewind: RESTORE}) also has
 * {@code rewind-optimizer.safetensors}: the buffers as its {@code final/*} group (no masks) and the
 * update count in the metadata entry {@code updates}.
 */
public final class FileLevelStore implements LevelStore {

    private final LevelLayout layout;
    private final String specJson;
    private final ObjectMapper json = SpecCodec.json();

    /**
     * @param layout   the replicate's level layout
     * @param specJson the run's spec as JSON, recorded in every ticket file
     */
    public FileLevelStore(LevelLayout layout, String specJson) {
        this.layout = layout;
        this.specJson = specJson;
    }

    @Override
    public int finishedLevels() {
        int n = 0;
        while (Files.isRegularFile(layout.done(n))) {
            n++;
        }
        return n;
    }

    @Override
    public void save(LevelResult result) throws IOException {
        int first = finishedLevels();
        if (result.level() != first) {
            throw new IllegalArgumentException("Level " + result.level() + " cannot be saved: the first unfinished "
                    + "level in " + layout.dir() + " is " + first + ".");
        }
        deleteTree(layout.level(result.level()));
        List<BranchResult> branches = branches(result);
        ObjectNode marker = json.createObjectNode();
        marker.put("level", result.level());
        ArrayNode names = marker.putArray("branches");
        for (BranchResult b : branches) {
            writeBranch(result.level(), b);
            names.add(b.branch());
        }
        AtomicFiles.writeString(layout.done(result.level()), json.writeValueAsString(marker) + "\n");
    }

    @Override
    public LevelResult load(int level) throws IOException {
        if (!Files.isRegularFile(layout.done(level))) {
            throw new IOException("Level " + level + " in " + layout.dir() + " is not finished (no DONE marker).");
        }
        JsonNode marker = json.readTree(layout.done(level).toFile());
        List<BranchResult> branches = new ArrayList<>();
        for (JsonNode name : marker.path("branches")) {
            branches.add(loadBranch(level, name.asText()));
        }
        if (branches.isEmpty() || !branches.get(0).branch().equals(BranchResult.MAIN)) {
            throw new IOException("The DONE marker of level " + level + " in " + layout.dir()
                    + " does not list the main branch first.");
        }
        return new LevelResult(level, branches.get(0), branches.subList(1, branches.size()));
    }

    /**
     * A standalone ticket of one finished branch: masks, θ0 (level 0's start), the weights the branch
     * started from, and its final weights.
     *
     * @param level  a finished level
     * @param branch the branch
     * @return the ticket, with the spec and level metadata
     * @throws IOException if the files cannot be read
     */
    public Ticket ticket(int level, String branch) throws IOException {
        Ticket zero = TicketFiles.read(layout.ticket(0, BranchResult.MAIN));
        Ticket t = TicketFiles.read(layout.ticket(level, branch));
        TensorSet start = level == 0 ? t.initialWeights() : t.rewindWeights();
        return new Ticket(t.masks(), zero.initialWeights(), start, t.finalWeights(), t.specJson(), t.metadata());
    }

    /**
     * Writes one branch's files (ticket, optimiser state, branch.json), each atomically; the level's
     * DONE marker is not touched.
     */
    void writeBranch(int level, BranchResult b) throws IOException {
        Map<String, String> meta = meta(level, b);
        Ticket t = level == 0
                ? new Ticket(b.masks(), b.startWeights(), b.rewindWeights(), b.finalWeights(), specJson, meta)
                : new Ticket(b.masks(), TensorSet.of(), b.startWeights(), b.finalWeights(), specJson, meta);
        AtomicFiles.write(layout.ticket(level, b.branch()), out -> TicketFiles.write(t, TicketFormat.SAFETENSORS, out));
        if (!b.rewindOptimizer().isFresh()) {
            Ticket o = new Ticket(TensorSet.of(), TensorSet.of(), TensorSet.of(), b.rewindOptimizer().buffers(),
                    specJson, Map.of("updates", Long.toString(b.rewindOptimizer().updates())));
            AtomicFiles.write(layout.rewindOptimizer(level, b.branch()),
                    out -> TicketFiles.write(o, TicketFormat.SAFETENSORS, out));
        }
        AtomicFiles.writeString(layout.branchJson(level, b.branch()),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(branchJson(b)));
    }

    /** Reads one branch's files as {@link #writeBranch} wrote them, whether or not its level is finished. */
    BranchResult loadBranch(int level, String branch) throws IOException {
        Ticket t = TicketFiles.read(layout.ticket(level, branch));
        JsonNode b = json.readTree(layout.branchJson(level, branch).toFile());
        TensorSet start = level == 0 ? t.initialWeights() : t.rewindWeights();
        TensorSet rewind = level == 0 ? t.rewindWeights() : TensorSet.of();
        Map<String, Double> metrics = new LinkedHashMap<>();
        b.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
        JsonNode p = b.path("prune");
        List<LayerCount> layers = new ArrayList<>();
        for (JsonNode l : p.path("layers")) {
            layers.add(new LayerCount(l.path("name").asText(), l.path("size").asLong(), l.path("keptBefore").asLong(),
                    l.path("requestedKept").asLong(), l.path("kept").asLong(), l.path("excluded").asBoolean()));
        }
        PruneResult prune = new PruneResult(t.masks(), layers, p.path("requestedKept").asLong(), p.path("kept").asLong(),
                p.path("eligibleSize").asLong());
        OptimizerSnapshot optimizer = OptimizerSnapshot.fresh();
        Path opt = layout.rewindOptimizer(level, branch);
        if (Files.isRegularFile(opt)) {
            Ticket o = TicketFiles.read(opt);
            String updates = o.metadata().get("updates");
            if (updates == null) {
                throw new IOException("The optimiser state " + opt + " has no 'updates' metadata entry.");
            }
            optimizer = new OptimizerSnapshot(Long.parseLong(updates), o.finalWeights());
        }
        return new BranchResult(branch, t.masks(), start, rewind, t.finalWeights(), b.path("fromStep").asLong(),
                b.path("toStep").asLong(), b.path("accuracy").asDouble(), b.path("loss").asDouble(), metrics, prune,
                optimizer);
    }

    private ObjectNode branchJson(BranchResult b) {
        ObjectNode o = json.createObjectNode();
        o.put("branch", b.branch());
        o.put("fromStep", b.fromStep());
        o.put("toStep", b.toStep());
        putDouble(o, "accuracy", b.accuracy());
        putDouble(o, "loss", b.loss());
        o.put("density", b.density());
        ObjectNode metrics = o.putObject("metrics");
        b.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> putDouble(metrics, e.getKey(), e.getValue()));
        PruneResult p = b.prune();
        ObjectNode prune = o.putObject("prune");
        prune.put("requestedKept", p.requestedKept());
        prune.put("kept", p.kept());
        prune.put("eligibleSize", p.eligibleSize());
        prune.put("requestedDensity", p.requestedDensity());
        ArrayNode layers = prune.putArray("layers");
        for (LayerCount c : p.layers()) {
            ObjectNode l = layers.addObject();
            l.put("name", c.name());
            l.put("size", c.size());
            l.put("keptBefore", c.keptBefore());
            l.put("requestedKept", c.requestedKept());
            l.put("kept", c.kept());
            l.put("excluded", c.excluded());
            l.put("density", c.density());
        }
        return o;
    }

    /** Finite values as numbers, NaN and infinities as strings ("NaN"), which {@code asDouble} reads back. */
    private static void putDouble(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.put(key, Double.toString(v));
        }
    }

    private static Map<String, String> meta(int level, BranchResult b) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("level", Integer.toString(level));
        m.put("branch", b.branch());
        return m;
    }

    private static List<BranchResult> branches(LevelResult r) {
        List<BranchResult> l = new ArrayList<>();
        l.add(r.main());
        l.addAll(r.controls());
        return l;
    }

    /** Deletes a directory tree, if it exists. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
