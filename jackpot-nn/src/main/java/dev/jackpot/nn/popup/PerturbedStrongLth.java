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
import java.util.List;
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
        long t0 = System.nanoTime();
        DataSplit data = prepare(full);
        Network net = network();
        Normalisation norm = Normalisation.fit(data.train());
        TensorSet w0 = EdgePopup.randomWeights(net, Seeds.derive(spec.seed(), "weights"), WeightInit.KAIMING_NORMAL);
        TensorSet s0 = EdgePopup.initialScores(net, Seeds.derive(spec.seed(), "scores"));
        long order = Seeds.derive(spec.seed(), "data-order");
        TrainSpec pgdSpec = TrainSpec.sgd(spec.pgdLr(), spec.batchSize(), spec.pgdEpochs(), order).withMomentum(0.9, false)
                .withCosineSchedule();
        ProjectedSgd pgd = new ProjectedSgd(compute, net, data, norm, pgdSpec);
        int total = spec.epsilons().size() * (spec.pruned().size() + 1) + 1;
        int done = 0;
        List<Cell> cells = new ArrayList<>();
        List<Cell> best = new ArrayList<>();
        for (double eps : spec.epsilons()) {
            ProjectedSgd.Result p = pgd.train(w0, eps, PopupListener.NONE);
            Cell dense = new Cell(eps, 0, p.test().accuracy(), p.validation().orElseThrow().loss(), p.maxDeviation());
            cells.add(dense);
            listener.onCell(dense, ++done, total);
            Cell pick = null;
            for (double s : spec.pruned()) {
                if (s == 0) {
                    continue;
                }
                PopupSpec ps = PopupSpec.paper(1 - s, spec.batchSize(), spec.popupEpochs(), order);
                PopupResult r = new EdgePopup(compute, net, data, norm, ps).train(p.weights(), s0, PopupListener.NONE);
                double vl = r.diverged().isPresent() ? Double.POSITIVE_INFINITY : r.validation().orElseThrow().loss();
                Cell c = new Cell(eps, s, r.test().accuracy(), vl, p.maxDeviation());
                cells.add(c);
                if (pick == null || c.validationLoss() <= pick.validationLoss()) {
                    pick = c;
                }
                listener.onCell(c, ++done, total);
            }
            if (pick != null) {
                best.add(pick);
            }
        }
        ProjectedSgd.Result sgd = pgd.train(w0, Double.POSITIVE_INFINITY, PopupListener.NONE);
        listener.onCell(new Cell(Double.POSITIVE_INFINITY, 0, sgd.test().accuracy(), sgd.validation().orElseThrow().loss(),
                        sgd.maxDeviation()),
                ++done, total);
        return new Result(spec, cells, best, sgd.test().accuracy(), sgd.maxDeviation(), (System.nanoTime() - t0) / 1e9);
    }
}
