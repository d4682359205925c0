package dev.jackpot.prune;

import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The engine-neutral IMP driver (Frankle and Carbin, ICLR 2019; weak-lth.md section 3.1):
 * <ol>
 *   <li>level 0: draw θ0 from {@code Seeds.derive(seed, "init")}, train the dense network 0 .. T under
 *       all-ones masks and capture θk at the rewind step;</li>
 *   <li>level L = 1 .. levels: prune level L−1's final weights with {@link ImpSpec#strategy()} (nested
 *       masks, exact counts), reset by {@link ResetVariant}, retrain, then run the {@link Control}
 *       branches on the same level;</li>
 *   <li>after each level: check the invariants (masks exact 0/1 and nested, achieved counts equal the
 *       requested ones under the EXACT {@link CountingRule}, or the reference rule's threshold count
 *       otherwise, masked final weights exactly zero), save it to the {@link LevelStore}, then
 *       tell the {@link LevelListener}.</li>
 * </ol>
 * {@link #run()} starts at the store's first unfinished level, so a killed run resumes there and
 * gives bit-identical results to an uninterrupted one (every input of level L is either level 0's
 * saved θ0 and θk, level L−1's saved masks and final weights, or a seed derived by name).
 * All jobs use the data-order seed {@code Seeds.derive(seed, "data-order")}.
 *
 * <p>With {@link OptimizerAtRewind#RESTORE} (REWIND_TO_STEP only) level 0 also keeps the optimiser
 * state the trainer captured at step k, and every job that restarts from θk (the ticket and the
 * random-pruning controls) starts with that state, its entries under the job's mask set to +0.0;
 * with ZERO (the default) every job starts with a fresh optimiser, as OpenLTH does.
 */
public final class ImpRunner {

    private final ImpSpec spec;
    private final TicketTrainer trainer;
    private final LevelStore store;
    private final LevelListener listener;

    /**
     * @param spec     the run's settings
     * @param trainer  the engine
     * @param store    where finished levels go (and come from on resume)
     * @param listener told of each finished level
     */
    public ImpRunner(ImpSpec spec, TicketTrainer trainer, LevelStore store, LevelListener listener) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.store = Objects.requireNonNull(store, "store");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Runs (or resumes) every level up to {@code spec.levels()}.
     *
     * @return levels 0 .. spec.levels(), the earlier ones loaded from the store
     * @throws IOException           if the store fails
     * @throws IllegalStateException if the trainer breaks an invariant (e.g. non-zero masked weights)
     */
    public List<LevelResult> run() throws IOException {
        checkNames(List.copyOf(trainer.prunableNames()));
        int first = store.finishedLevels();
        List<LevelResult> results = new ArrayList<>();
        for (int l = 0; l < Math.min(first, spec.levels() + 1); l++) {
            results.add(store.load(l));
        }
        if (first > spec.levels()) {
            return results;
        }
        if (first == 0) {
            results.add(commit(new LevelResult(0, trainBranch(0, BranchResult.MAIN, null, null), List.of())));
        }
        BranchResult zero = results.get(0).main();
        for (int level = Math.max(first, 1); level <= spec.levels(); level++) {
            BranchResult prev = results.get(level - 1).main();
            BranchResult main = trainBranch(level, BranchResult.MAIN, zero, prev);
            List<BranchResult> controls = new ArrayList<>();
            List<String> names = branches(level);
            for (String branch : names.subList(1, names.size())) {
                controls.add(trainBranch(level, branch, zero, prev));
            }
            results.add(commit(new LevelResult(level, main, controls)));
        }
        return results;
    }

    /**
     * The branches of a level, in the order {@link #run()} trains and saves them: the ticket, then the
     * spec's controls in {@link Control} order (level 0: the dense ticket only). Each depends only on
     * level 0's and level L−1's tickets, never on another branch of its level, so they may be trained
     * anywhere in any order ({@link #trainBranch}) and assembled afterwards.
     *
     * @param level a level in [0, spec.levels()]
     * @return the branch names
     */
    public List<String> branches(int level) {
        List<String> names = new ArrayList<>();
        names.add(BranchResult.MAIN);
        if (level > 0) {
            for (Control c : Control.values()) {
                if (spec.controls().contains(c)) {
                    names.add(c.branch());
                }
            }
        }
        return names;
    }

    /**
     * Trains one branch of one level, as {@link #run()} does: the function behind every level, so a
     * branch trained in another process (e.g. a Spark task) is the one a local run trains, bit for bit,
     * given the same engine and thread count.
     *
     * @param level  the level, in [0, spec.levels()]
     * @param branch one of {@link #branches(int) branches(level)}
     * @param zero   level 0's ticket (its θ0, θk and optimiser state); null for level 0
     * @param prev   level L−1's ticket (its masks and final weights are pruned); null for level 0
     * @return the trained branch, its invariants checked
     * @throws IllegalArgumentException if the branch is not one of the level's, or a needed ticket is missing
     */
    public BranchResult trainBranch(int level, String branch, BranchResult zero, BranchResult prev) {
        if (level < 0 || level > spec.levels()) {
            throw new IllegalArgumentException("Level " + level + " is outside [0, " + spec.levels() + "].");
        }
        if (!branches(level).contains(branch)) {
            throw new IllegalArgumentException("Level " + level + " has no branch " + branch + "; its branches are "
                    + branches(level) + ".");
        }
        List<String> prunable = List.copyOf(trainer.prunableNames());
        checkNames(prunable);
        long dataSeed = Seeds.derive(spec.seed(), "data-order");
        if (level == 0) {
            return levelZero(prunable, dataSeed);
        }
        if (zero == null || prev == null) {
            throw new IllegalArgumentException("Level " + level + " needs level 0's ticket and level " + (level - 1)
                    + "'s.");
        }
        return branchOf(level, branch, zero, prev, dataSeed);
    }

    /**
     * Saves a level (trained here or elsewhere) to the store and tells the listener.
     *
     * @param result the level, its branches in {@link #branches(int)} order
     * @return the result
     * @throws IOException if the store fails
     */
    public LevelResult commit(LevelResult result) throws IOException {
        List<String> got = new ArrayList<>();
        got.add(result.main().branch());
        result.controls().forEach(c -> got.add(c.branch()));
        if (!got.equals(branches(result.level()))) {
            throw new IllegalArgumentException("Level " + result.level() + " has branches " + got + ", expected "
                    + branches(result.level()) + ".");
        }
        store.save(result);
        listener.levelFinished(result);
        return result;
    }

    private BranchResult levelZero(List<String> prunable, long dataSeed) {
        TensorSet init = trainer.initialWeights(Seeds.derive(spec.seed(), "init"));
        TensorSet masks = Masks.ones(init, prunable);
        long k = spec.rewindStep();
        TrainRequest req = new TrainRequest(0, BranchResult.MAIN, init, masks, 0, spec.trainingSteps(), k,
                TrainPhase.TRAIN, dataSeed);
        TrainOutcome out = train(req);
        TensorSet rewind = out.captured().orElseThrow();
        OptimizerSnapshot rewindOptimizer = OptimizerSnapshot.fresh();
        if (spec.optimizerAtRewind() == OptimizerAtRewind.RESTORE) {
            rewindOptimizer = out.capturedOptimizer().orElseThrow(() -> new IllegalStateException("optimizerAtRewind "
                    + "RESTORE needs the optimiser state at step " + k + ", but the trainer did not return it."));
        }
        BranchResult main = branch(req, out, rewind, dense(masks));
        return new BranchResult(main.branch(), main.masks(), main.startWeights(), main.rewindWeights(),
                main.finalWeights(), main.fromStep(), main.toStep(), main.accuracy(), main.loss(), main.metrics(),
                main.prune(), rewindOptimizer);
    }

    private BranchResult branchOf(int level, String branch, BranchResult zero, BranchResult prev, long dataSeed) {
        // Every branch prunes level L-1 again (cheap, deterministic), so branches need not share state.
        PruneResult pruned = spec.strategy().prune(prev.finalWeights(), prev.masks());
        TensorSet masks = pruned.masks();
        if (!Masks.isNested(masks, prev.masks())) {
            throw new IllegalStateException("The masks of level " + level + " are not nested in those of level "
                    + (level - 1) + ".");
        }
        TensorSet source = switch (spec.reset()) {
            case REWIND_INIT -> zero.startWeights();
            case REWIND_TO_STEP -> zero.rewindWeights();
            case LR_REWIND, FINE_TUNE -> prev.finalWeights();
        };
        boolean fineTune = spec.reset() == ResetVariant.FINE_TUNE;
        long from = switch (spec.reset()) {
            case REWIND_INIT, FINE_TUNE -> 0;
            case REWIND_TO_STEP, LR_REWIND -> spec.rewindStep();
        };
        long to = fineTune ? spec.fineTuneSteps() : spec.trainingSteps();
        TrainPhase phase = fineTune ? TrainPhase.FINE_TUNE : TrainPhase.TRAIN;
        boolean restore = spec.optimizerAtRewind() == OptimizerAtRewind.RESTORE;
        if (branch.equals(BranchResult.MAIN)) {
            TrainRequest req = new TrainRequest(level, BranchResult.MAIN, Masks.applied(source, masks), masks, from, to,
                    -1, phase, dataSeed, restore ? zero.rewindOptimizer().masked(masks) : OptimizerSnapshot.fresh());
            return branch(req, train(req), empty(), pruned);
        }
        Control c = Control.ofBranch(branch);
        if (c == Control.RANDOM_REINIT) {
            TensorSet fresh = trainer.initialWeights(Seeds.derive(spec.seed(), "reinit", level));
            TrainRequest r = new TrainRequest(level, c.branch(), Masks.applied(fresh, masks), masks, 0,
                    spec.trainingSteps(), -1, TrainPhase.TRAIN, dataSeed);
            return branch(r, train(r), empty(), pruned);
        }
        PruneScope scope = c == Control.RANDOM_PRUNE_LAYERWISE ? PruneScope.LAYERWISE : PruneScope.GLOBAL;
        PruneResult random = new RandomPruneStrategy(scope, spec.excluded())
                .matching(masks, Seeds.stream(spec.seed(), c.branch(), level));
        TrainRequest r = new TrainRequest(level, c.branch(), Masks.applied(source, random.masks()),
                random.masks(), from, to, -1, phase, dataSeed,
                restore ? zero.rewindOptimizer().masked(random.masks()) : OptimizerSnapshot.fresh());
        return branch(r, train(r), empty(), random);
    }

    private TrainOutcome train(TrainRequest req) {
        Masks.validate(req.masks());
        Masks.validateAgainst(req.masks(), req.start());
        TensorSet before = req.start().copy();
        TrainOutcome out = trainer.train(req);
        String what = "level " + req.level() + " " + req.branch();
        if (!req.start().sameAs(before)) {
            throw new IllegalStateException("The trainer modified the start weights of " + what
                    + "; it must work on a copy.");
        }
        if (!out.finalWeights().names().equals(req.start().names())) {
            throw new IllegalStateException("The trainer returned parameters " + out.finalWeights().names() + " for "
                    + what + " but started from " + req.start().names() + ".");
        }
        Masks.requireMaskedZero(out.finalWeights(), req.masks(), "final weights of " + what);
        if (out.captured().isPresent() != (req.captureStep() >= 0)) {
            throw new IllegalStateException("The trainer " + (out.captured().isPresent() ? "returned" : "did not return")
                    + " captured weights for " + what + " with captureStep " + req.captureStep() + ".");
        }
        return out;
    }

    private static BranchResult branch(TrainRequest req, TrainOutcome out, TensorSet rewind, PruneResult prune) {
        return new BranchResult(req.branch(), req.masks(), req.start(), rewind, out.finalWeights(), req.fromStep(),
                req.toStep(), out.accuracy(), out.loss(), out.metrics(), prune);
    }

    private static TensorSet empty() {
        return TensorSet.of(List.of());
    }

    private PruneResult dense(TensorSet masks) {
        List<LayerCount> counts = new ArrayList<>();
        long eligible = 0;
        for (NamedTensor m : masks) {
            boolean ex = spec.excluded().contains(m.name());
            counts.add(new LayerCount(m.name(), m.size(), m.size(), m.size(), m.size(), ex));
            eligible += ex ? 0 : m.size();
        }
        return new PruneResult(masks, counts, eligible, eligible, eligible);
    }

    private void checkNames(List<String> prunable) {
        for (String name : spec.excluded()) {
            if (!prunable.contains(name)) {
                throw new IllegalArgumentException("Excluded tensor " + name + " is not among the prunable tensors "
                        + prunable + ".");
            }
        }
        for (String name : spec.layerRates().keySet()) {
            if (!prunable.contains(name)) {
                throw new IllegalArgumentException("A prune rate is given for " + name
                        + ", which is not among the prunable tensors " + prunable + ".");
            }
        }
    }

    /** @return the spec this runner follows */
    public ImpSpec spec() {
        return spec;
    }
}
