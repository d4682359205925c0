package dev.jackpot.nn.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where datasets live on this machine. {@code jackpot data fetch} writes dataset {@code NAME} into
 * {@code <root>/NAME}, and every command that reads data looks there when no path is given:
 * the root is {@value #ENV} when set, else {@code ~/.jackpot/data}. Fashion-MNIST is also found in
 * the directory named by {@link FashionMnist#ENV} and in Debian's {@value FashionMnist#DEBIAN_DIR}.
 *
 * <p>Lookup order for Fashion-MNIST: {@link FashionMnist#ENV} (when set, only it), the data root,
 * Debian's directory. For MNIST and CIFAR-10: the data root.
 */
public final class DataHome {

    /** Environment variable naming the data root. */
    public static final String ENV = "JACKPOT_DATA";
    /** The datasets {@code jackpot data fetch} knows, in the order listed. */
    public static final List<String> DATASETS = List.of("fashion-mnist", "mnist", "cifar10");

    private static final List<String> IDX_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    private static final List<String> CIFAR_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin");

    private final Path root;
    private final Map<String, String> env;

    private DataHome(Path root, Map<String, String> env) {
        this.root = root;
        this.env = env;
    }

    /** @return the data home of this process: {@value #ENV}, else {@code ~/.jackpot/data} */
    public static DataHome system() {
        return of(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * @param env      the environment to read {@value #ENV} and {@link FashionMnist#ENV} from
     * @param userHome the user's home directory, for the default root
     * @return the data home those give
     */
    public static DataHome of(Map<String, String> env, Path userHome) {
        String r = env.get(ENV);
        Path root = r != null && !r.isBlank() ? Path.of(r) : userHome.resolve(".jackpot").resolve("data");
        return new DataHome(root, Map.copyOf(env));
    }

    /**
     * @param otherRoot a data root to use instead
     * @return this data home with that root (the Fashion-MNIST variable and Debian's directory still apply)
     */
    public DataHome withRoot(Path otherRoot) {
        return new DataHome(otherRoot, env);
    }

    /** @return the data root */
    public Path root() {
        return root;
    }

    /**
     * @param dataset one of {@link #DATASETS}
     * @return the directory {@code jackpot data fetch} writes that dataset into
     */
    public Path dir(String dataset) {
        requireKnown(dataset);
        return root.resolve(dataset);
    }

    /**
     * @param dataset one of {@link #DATASETS}
     * @return the first directory holding all of the dataset's files, in the lookup order above
     */
    public Optional<Path> locate(String dataset) {
        requireKnown(dataset);
        if (dataset.equals("fashion-mnist")) {
            String named = env.get(FashionMnist.ENV);
            if (named != null && !named.isBlank()) {
                Path p = Path.of(named);
                return complete(dataset, p) ? Optional.of(p) : Optional.empty();
            }
        }
        Path fetched = root.resolve(dataset);
        if (complete(dataset, fetched)) {
            return Optional.of(fetched);
        }
        Path debian = Path.of(FashionMnist.DEBIAN_DIR);
        if (dataset.equals("fashion-mnist") && complete(dataset, debian)) {
            return Optional.of(debian);
        }
        return Optional.empty();
    }

    /**
     * Loads a dataset from a directory given by the user, else from where it is found.
     *
     * @param dataset one of {@link #DATASETS}
     * @param dataPath a directory holding its files, or blank to {@link #locate} it
     * @return its train and test sets
     * @throws java.io.FileNotFoundException if it is not found (the message says how to fetch it)
     * @throws java.io.IOException           if a file is malformed
     */
    public DataSplit load(String dataset, String dataPath) throws java.io.IOException {
        requireKnown(dataset);
        Path dir = dataPath != null && !dataPath.isBlank() ? Path.of(dataPath)
                : locate(dataset).orElseThrow(() -> new java.io.FileNotFoundException(missing(dataset)));
        // MNIST ships as the same four IDX files as Fashion-MNIST.
        return dataset.equals("cifar10") ? Cifar10Reader.load(dir) : FashionMnist.load(dir);
    }

    /**
     * @param dataset one of {@link #DATASETS}
     * @return why it was not found and the one command that fetches it, as a sentence
     */
    public String missing(String dataset) {
        requireKnown(dataset);
        String fetch = "run './jackpot data fetch " + dataset + "'";
        if (!dataset.equals("fashion-mnist")) {
            return dataset + " was not found in " + root.resolve(dataset) + ": " + fetch
                    + ", or give the directory holding its files with --data-path.";
        }
        String named = env.get(FashionMnist.ENV);
        String where = named != null && !named.isBlank() ? named + " (" + FashionMnist.ENV + ")"
                : root.resolve(dataset) + " or " + FashionMnist.DEBIAN_DIR;
        return "fashion-mnist was not found in " + where + ": " + fetch + " (on Debian or Ubuntu, 'apt-get install "
                + "dataset-fashion-mnist' also works), or set " + FashionMnist.ENV + " to a directory holding its four "
                + "IDX files.";
    }

    /**
     * @param dataset one of {@link #DATASETS}
     * @param dir     a directory
     * @return whether it holds every file the dataset's reader needs (IDX files gzipped or not;
     *         CIFAR-10 binary batches directly or in {@code cifar-10-batches-bin})
     */
    public static boolean complete(String dataset, Path dir) {
        requireKnown(dataset);
        if (dataset.equals("cifar10")) {
            Path base = Files.isDirectory(dir.resolve("cifar-10-batches-bin")) ? dir.resolve("cifar-10-batches-bin") : dir;
            return CIFAR_FILES.stream().allMatch(f -> Files.isRegularFile(base.resolve(f)));
        }
        return IDX_FILES.stream().allMatch(s -> Files.isRegularFile(dir.resolve(s + ".gz"))
                || Files.isRegularFile(dir.resolve(s)));
    }

    private static void requireKnown(String dataset) {
        if (!DATASETS.contains(dataset)) {
            throw new IllegalArgumentException("Unknown dataset '" + dataset + "'; known: " + String.join(", ", DATASETS)
                    + ".");
        }
    }
}
