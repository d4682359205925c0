package dev.jackpot.cli;

import dev.jackpot.nn.Compute;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --sparse-below} of the commands that train or evaluate fully connected networks (lottery, prune-at-init, sanity, stability, tickets evaluate). */
final class SparseEngineOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private double sparseBelow;

    /** Checked as it is parsed, so a bad value is a usage error before any work starts. */
    @Option(names = "--sparse-below", paramLabel = "DENSITY", defaultValue = "" + Compute.DEFAULT_SPARSE_BELOW,
            description = "Train fully connected networks whose masks keep at most this fraction of the weights on the sparse "
                    + "engine (kept weights only, cost falls with density); 0: always libtorch (default ${DEFAULT-VALUE}, "
                    + "measured by 'jackpot bench nn'). Changes results in the last bits only; not part of the run id.")
    void sparseBelow(double density) {
        if (!(density >= 0 && density <= 1)) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--sparse-below must be a density in [0, 1], got " + density);
        }
        this.sparseBelow = density;
    }

    /**
     * @param threads libtorch intra-op threads
     * @return the compute context with this threshold
     */
    Compute compute(int threads) {
        return Compute.cpu(threads).withSparseBelow(sparseBelow);
    }
}
