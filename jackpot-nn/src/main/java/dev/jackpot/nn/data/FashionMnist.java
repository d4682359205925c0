package dev.jackpot.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60,000 training and 10,000 test images, 28 x 28 grey,
 * 10 classes of 6,000 / 1,000 each. Debian's package {@code dataset-fashion-mnist} installs the four
 * gzipped IDX files in {@value #DEBIAN_DIR}; the environment variable {@value #ENV} can point to
 * another directory holding the same four files (gzipped or not).
 */
public final class FashionMnist {

    /** Where Debian's {@code dataset-fashion-mnist} installs the files. */
    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
    /** Environment variable naming another directory with the files. */
    public static final String ENV = "JACKPOT_FASHION_MNIST";
    /** Number of classes. */
    public static final int CLASSES = 10;

    private static final List<String> STEMS = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private FashionMnist() {
    }

    /**
     * Finds an installed copy: the directory in {@value #ENV} if set, else Debian's {@value #DEBIAN_DIR}.
     *
     * @return the directory holding all four files, or empty when none is installed
     */
    public static Optional<Path> locate() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return complete(p) ? Optional.of(p) : Optional.empty();
        }
        Path debian = Path.of(DEBIAN_DIR);
        return complete(debian) ? Optional.of(debian) : Optional.empty();
    }

    /**
     * Loads train and test from a directory.
     *
     * @param dir a directory holding the four IDX files, each as {@code <stem>.gz} or {@code <stem>}
     * @return train (60,000) and test (10,000), 1 x 28 x 28
     * @throws IOException if a file is missing or malformed
     */
    public static DataSplit load(Path dir) throws IOException {
        ImageDataset train = IdxReader.load("fashion-mnist/train", file(dir, STEMS.get(0)), file(dir, STEMS.get(1)), CLASSES);
        ImageDataset test = IdxReader.load("fashion-mnist/test", file(dir, STEMS.get(2)), file(dir, STEMS.get(3)), CLASSES);
        return DataSplit.of(train, test);
    }

    /**
     * Loads the installed copy.
     *
     * @return train and test
     * @throws IOException if none is installed or a file is malformed
     */
    public static DataSplit load() throws IOException {
        Path dir = locate().orElseThrow(() -> new java.nio.file.NoSuchFileException(DEBIAN_DIR, null,
                "Fashion-MNIST is not installed; run 'apt-get install dataset-fashion-mnist' or set " + ENV
                        + " to a directory holding the four IDX files"));
        return load(dir);
    }

    private static boolean complete(Path dir) {
        for (String stem : STEMS) {
            if (!Files.isRegularFile(dir.resolve(stem + ".gz")) && !Files.isRegularFile(dir.resolve(stem))) {
                return false;
            }
        }
        return true;
    }

    private static Path file(Path dir, String stem) {
        Path gz = dir.resolve(stem + ".gz");
        return Files.isRegularFile(gz) ? gz : dir.resolve(stem);
    }
}
