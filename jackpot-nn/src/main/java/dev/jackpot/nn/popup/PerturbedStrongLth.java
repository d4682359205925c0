package dev.jackpot.nn.popup;

import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.data.Subsample;
import dev.jackpot.nn.model.Mlp;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.train.TrainSpec;
import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs {@link PerturbSpec}: PGD+StrongLTH (Xiong, Liao and Kyrillidis, AISTATS 2023, Algorithm 1).
 * For each eps: {@code W_eps = ProjectedSgd(W0, eps)}; the unpruned {@code W_eps} is row s = 0 of the
 * table; then edge-popup over {@code W_eps} (fresh scores, the same for every cell) for each pruned
 * fraction s; the cell of least validation loss is the eps's pick (ties to the larger s, the poster's
 * {@code <=}). Plain SGD without a constraint (eps = infinity, unpruned) is the "SGD only" baseline.
 * Accuracies are on the test subsample; selection uses the validation hold-out only.
 */
public final class PerturbedStrongLth {

    /**
     * One cell.
     *
     * @param eps          radius
     * @param pruned       fraction pruned (0 = the unpruned perturbed network)
     * @param testAccuracy test accuracy
     * @param validationLoss validation loss (selection)
     * @param maxDeviation   {@code ||W_eps - W0||_inf} of the perturbed weights the cell uses
     */
    public record Cell(double eps, double pruned, double testAccuracy, double validationLoss, double maxDeviation) {
    }

    /**
     * @param spec      the spec
     * @param cells     every (eps, s) cell including s = 0, eps-major
     * @param best      per eps, the edge-popup cell (s &gt; 0) of least validation loss
     * @param sgdOnly   test accuracy of unconstrained dense SGD on the same data and budget
     * @param sgdOnlyDeviation {@code ||W - W0||_inf} that unconstrained SGD reaches
     * @param seconds   wall time
     */
    public record Result(PerturbSpec spec, List<Cell> cells, List<Cell> best, double sgdOnly, double sgdOnlyDeviation,
                         double seconds) {

        /** @return the cell at (eps, s) */
        public Optional<Cell> at(double eps, double pruned) {
            return cells.stream().filter(c -> c.eps() == eps && c.pruned() == pruned).findFirst();
        }
    }

    /** Progress by cell. */
    public interface Listener {
        /** Called after each finished cell, {@code done} of {@code total}. */
        void onCell(Cell cell, int done, int total);
    }

    /**
     * Where finished cells are kept, so that a run resumes at its first unfinished cell. The "SGD only"
     * baseline is the cell at eps = +infinity, s = 0.
     */
    public interface CellStore {
        /** Keeps nothing: every cell is computed. */
        CellStore NONE = new CellStore() {
            @Override
            public Optional<Cell> load(double eps, double pruned) {
                return Optional.empty();
            }

            @Override
            public void save(Cell cell) {
            }
        };

        /**
         * @param eps    the radius
         * @param pruned the fraction pruned
         * @return the finished cell, if kept
         */
        Optional<Cell> load(double eps, double pruned);

        /** @param cell a finished cell, kept before the next one starts */
        void save(Cell cell);
    }

    private final Compute compute;
    private final PerturbSpec spec;

    public PerturbedStrongLth(Compute compute, PerturbSpec spec) {
        this.compute = Objects.requireNonNull(compute, "compute");
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** @return the MLP of the spec for 28 x 28 grey images */
    public Network network() {
        return new Mlp("mlp-" + String.join("-", spec.hidden().stream().map(String::valueOf).toList()), new int[] {1, 28, 28},
                spec.hidden().stream().mapToInt(Integer::intValue).toArray(), 10);
    }

    /**
     * Subsamples Fashion-MNIST as the spec says.
     *
     * @param full the full train and test sets
     * @return train, validation and test subsets
     */
    public DataSplit prepare(DataSplit full) {
        ImageDataset tr = full.train();
        int need = spec.examples() + spec.validation();
        if (need > tr.size()) {
            throw new IllegalArgumentException("The spec needs " + need + " training examples but the data has " + tr.size() + ".");
        }
        ImageDataset train = tr.subset(Subsample.balanced(tr, need, Seeds.stream(spec.seed(), "perturb-train")));
        ImageDataset test = full.test().size() <= spec.testExamples() ? full.test()
                : full.test().subset(Subsample.uniform(full.test(), spec.testExamples(), Seeds.stream(spec.seed(), "perturb-test")));
        return DataSplit.of(train, test).holdOutValidation(spec.validation(), Seeds.stream(spec.seed(), "perturb-validation"));
    }

    /**
     * @param full     Fashion-MNIST (train and test)
     * @param listener progress
     * @return the table
     */
    public Result run(DataSplit full, Listener listener) {
        return run(full, CellStore.NONE, listener);
    }

    /**
     * Runs every cell not yet in {@code store}, saving each as it finishes. An eps whose cells are all kept
     * skips its PGD; one with some kept retrains its PGD (deterministic at the same thread count) and checks
     * that the unpruned cell comes out identical to the kept one, so a resumed table never mixes two
     * environments.
     *
     * @param full     Fashion-MNIST (train and test)
     * @param store    finished cells
     * @param listener progress (kept cells are reported too)
     * @return the table
     * @throws IllegalStateException if a retrained PGD differs from its kept cell
     */
    public Result run(DataSplit full, CellStore store, Listener listener) {
        long t0 = System.nanoTime();
        Setup setup = setup(full);
        int total = cellCount();
        int done = 0;
        List<Cell> cells = new ArrayList<>();
        for (double eps : spec.epsilons()) {
            List<Double> sparsities = sparsities();
            Optional<Cell> keptDense = store.load(eps, 0);
            Map<Double, Cell> keptCells = new HashMap<>();
            for (double s : sparsities) {
                store.load(eps, s).ifPresent(c -> keptCells.put(s, c));
            }
            boolean complete = keptDense.isPresent() && keptCells.size() == sparsities.size();
            ProjectedSgd.Result p = complete ? null : pgd(setup, eps);
            Cell dense = complete ? keptDense.get() : kept(store, keptDense, denseCell(eps, p));
            cells.add(dense);
            listener.onCell(dense, ++done, total);
            for (double s : sparsities) {
                Cell c = keptCells.get(s);
                if (c == null) {
                    c = popupCell(setup, eps, s, p.weights(), p.maxDeviation());
                    store.save(c);
                }
                cells.add(c);
                listener.onCell(c, ++done, total);
            }
        }
        Optional<Cell> keptSgd = store.load(Double.POSITIVE_INFINITY, 0);
        Cell sgd = keptSgd.orElse(null);
        if (sgd == null) {
            sgd = denseCell(Double.POSITIVE_INFINITY, pgd(setup, Double.POSITIVE_INFINITY));
            store.save(sgd);
        }
        listener.onCell(sgd, ++done, total);
        return result(cells, sgd, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * What every cell of a run shares, rebuilt identically from the spec in any JVM.
     *
     * @param data  train (with validation hold-out) and test subsets
     * @param net   the MLP
     * @param norm  the training set's normalisation
     * @param w0    the random weights PGD starts from and projects onto a box around
     * @param s0    edge-popup's initial scores (the same for every cell)
     * @param order the seed of every training's data order
     * @param pgd   the projected-SGD trainer
     */
    public record Setup(DataSplit data, Network net, Normalisation norm, TensorSet w0, TensorSet s0, long order,
                        ProjectedSgd pgd) {
    }

    /**
     * @param full Fashion-MNIST (train and test)
     * @return the run's shared setup
     */
    public Setup setup(DataSplit full) {
        DataSplit data = prepare(full);
        Network net = network();
        Normalisation norm = Normalisation.fit(data.train());
        TensorSet w0 = EdgePopup.randomWeights(net, Seeds.derive(spec.seed(), "weights"), WeightInit.KAIMING_NORMAL);
        TensorSet s0 = EdgePopup.initialScores(net, Seeds.derive(spec.seed(), "scores"));
        long order = Seeds.derive(spec.seed(), "data-order");
        TrainSpec pgdSpec = TrainSpec.sgd(spec.pgdLr(), spec.batchSize(), spec.pgdEpochs(), order).withMomentum(0.9, false)
                .withCosineSchedule();
        return new Setup(data, net, norm, w0, s0, order, new ProjectedSgd(compute, net, data, norm, pgdSpec));
    }

    /** @return the fractions pruned by edge-popup (s &gt; 0) */
    public List<Double> sparsities() {
        return spec.pruned().stream().filter(s -> s != 0).toList();
    }

    /** @return the table's cells: (1 + sparsities) per eps, and "SGD only" */
    public int cellCount() {
        return spec.epsilons().size() * (sparsities().size() + 1) + 1;
    }

    /**
     * @param setup the run's setup
     * @param eps   the radius ({@code +infinity}: unconstrained SGD)
     * @return projected SGD from {@code w0} inside the box of radius eps
     */
    public ProjectedSgd.Result pgd(Setup setup, double eps) {
        return setup.pgd().train(setup.w0(), eps, PopupListener.NONE);
    }

    /** @return the unpruned cell (s = 0) of a projected-SGD result */
    public static Cell denseCell(double eps, ProjectedSgd.Result p) {
        return new Cell(eps, 0, p.test().accuracy(), p.validation().orElseThrow().loss(), p.maxDeviation());
    }

    /**
     * Edge-popup over one eps's perturbed weights.
     *
     * @param setup        the run's setup
     * @param eps          the radius the weights came from
     * @param pruned       the fraction pruned, in (0, 1)
     * @param weights      {@code W_eps}
     * @param maxDeviation {@code ||W_eps - W0||_inf}, recorded in the cell
     * @return the cell (validation loss +infinity if edge-popup diverged)
     */
    public Cell popupCell(Setup setup, double eps, double pruned, TensorSet weights, double maxDeviation) {
        PopupSpec ps = PopupSpec.paper(1 - pruned, spec.batchSize(), spec.popupEpochs(), setup.order());
        PopupResult r = new EdgePopup(compute, setup.net(), setup.data(), setup.norm(), ps)
                .train(weights, setup.s0(), PopupListener.NONE);
        double vl = r.diverged().isPresent() ? Double.POSITIVE_INFINITY : r.validation().orElseThrow().loss();
        return new Cell(eps, pruned, r.test().accuracy(), vl, maxDeviation);
    }

    /**
     * The table from its cells, whatever order they were computed in.
     *
     * @param cells   every (eps, s) cell including s = 0, eps-major and in the spec's s order
     * @param sgd     the "SGD only" cell
     * @param seconds wall time
     * @return the result; each eps's pick is its edge-popup cell of least validation loss, ties to the larger s
     */
    public Result result(List<Cell> cells, Cell sgd, double seconds) {
        List<Cell> best = new ArrayList<>();
        for (double eps : spec.epsilons()) {
            Cell pick = null;
            for (Cell c : cells) {
                if (c.eps() == eps && c.pruned() > 0 && (pick == null || c.validationLoss() <= pick.validationLoss())) {
                    pick = c;
                }
            }
            if (pick != null) {
                best.add(pick);
            }
        }
        return new Result(spec, cells, best, sgd.testAccuracy(), sgd.maxDeviation(), seconds);
    }

    /** @return the spec */
    public PerturbSpec spec() {
        return spec;
    }

    /** Saves a freshly computed unpruned cell, or checks it against the kept one. */
    static Cell kept(CellStore store, Optional<Cell> keptDense, Cell fresh) {
        if (keptDense.isEmpty()) {
            store.save(fresh);
            return fresh;
        }
        if (!keptDense.get().equals(fresh)) {
            throw new IllegalStateException("Resuming at eps " + fresh.eps() + ", projected SGD gave " + fresh
                    + " where the run kept " + keptDense.get() + ": the run was started on another machine, thread "
                    + "count or code version. Resume it there, or start it afresh in another --out.");
        }
        return fresh;
    }
}
