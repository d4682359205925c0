package dev.jackpot.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60,000 training and 10,000 test images, 28 x 28 grey,
 * 10 classes of 6,000 / 1,000 each. {@code jackpot data fetch fashion-mnist} downloads the four gzipped
 * IDX files into the {@link DataHome data root}; Debian's package {@code dataset-fashion-mnist} installs
 * them in {@value #DEBIAN_DIR}; the environment variable {@value #ENV} can point to another directory
 * holding the same four files (gzipped or not). MNIST ships as the same four files and loads with
 * {@link #load(Path)}.
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
     * Finds an installed copy, in {@link DataHome}'s order: the directory in {@value #ENV} if set, else
     * {@code <data root>/fashion-mnist} (where {@code jackpot data fetch} puts it), else Debian's
     * {@value #DEBIAN_DIR}.
     *
     * @return the directory holding all four files, or empty when none is installed
     */
    public static Optional<Path> locate() {
        return DataHome.system().locate("fashion-mnist");
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
     * @throws IOException if none is installed (the message says how to fetch it) or a file is malformed
     */
    public static DataSplit load() throws IOException {
        return DataHome.system().load("fashion-mnist", "");
    }

    private static Path file(Path dir, String stem) {
        Path gz = dir.resolve(stem + ".gz");
        return Files.isRegularFile(gz) ? gz : dir.resolve(stem);
    }
}
