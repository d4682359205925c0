package dev.jackpot.cli;

import picocli.CommandLine.Option;

/** The dataset options of the commands that train on image data they locate themselves (prune-at-init, sanity). */
final class DatasetOptions {

    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "fashion-mnist, mnist or cifar10 "
            + "(default ${DEFAULT-VALUE}; found where 'jackpot data fetch' puts it, or --data-path).")
    String dataset;

    @Option(names = "--data-path", paramLabel = "DIR", defaultValue = "", description = "The dataset's directory.")
    String dataPath;
}
