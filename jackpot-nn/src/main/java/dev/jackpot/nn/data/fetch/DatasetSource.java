package dev.jackpot.nn.data.fetch;

import java.net.URI;
import java.util.List;

/**
 * Where a dataset is downloaded from and how it is checked: the files (with published sizes and
 * SHA-256 digests), the mirrors tried in order, and, for a dataset shipped as one {@code .tar.gz},
 * the members taken out of it (the archive is deleted once they are out and verified).
 *
 * <p>The three built-in sources pin the digests that the dataset's distributors and the common
 * loaders (torchvision, TensorFlow Datasets) use:
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017), MNIST (LeCun et al. 1998) and the binary version of
 * CIFAR-10 (Krizhevsky 2009).
 *
 * @param name     the dataset's name, also its directory under the data root
 * @param homepage where the dataset is described (shown to users; never fetched)
 * @param mirrors  base URLs, each ending in {@code /}; file {@code f} is fetched from {@code mirror + f}
 * @param files    the files to download
 * @param members  the members to extract from the single archive in {@code files}; empty for none
 */
public record DatasetSource(String name, String homepage, List<URI> mirrors, List<RemoteFile> files,
                            List<ArchiveMember> members) {

    /** Bytes of one CIFAR-10 binary batch: 10,000 records of 1 + 3 x 32 x 32 bytes. */
    private static final long CIFAR_BATCH = 10_000L * 3073;

    public DatasetSource {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A dataset source needs a name.");
        }
        mirrors = List.copyOf(mirrors);
        files = List.copyOf(files);
        members = List.copyOf(members);
        if (mirrors.isEmpty() || files.isEmpty()) {
            throw new IllegalArgumentException("Dataset source " + name + " needs at least one mirror and one file.");
        }
        for (URI m : mirrors) {
            String s = m.getScheme();
            if (!("http".equals(s) || "https".equals(s)) || !m.toString().endsWith("/")) {
                throw new IllegalArgumentException("Mirror " + m + " of " + name + " must be an http(s) URL ending in '/'.");
            }
        }
        if (!members.isEmpty() && (files.size() != 1 || !files.get(0).name().endsWith(".tar.gz"))) {
            throw new IllegalArgumentException("Dataset source " + name + " extracts members, so it needs exactly one "
                    + ".tar.gz file.");
        }
    }

    /**
     * @param mirror a base URL (a trailing {@code /} is added when missing)
     * @return this source fetched from that mirror only, e.g. a local copy of the files
     */
    public DatasetSource withMirror(String mirror) {
        String m = mirror.endsWith("/") ? mirror : mirror + "/";
        return new DatasetSource(name, homepage, List.of(URI.create(m)), files, members);
    }

    /** @return whether the download is an archive to extract */
    public boolean extracts() {
        return !members.isEmpty();
    }

    /** @return the total download size in bytes */
    public long downloadBytes() {
        return files.stream().mapToLong(RemoteFile::bytes).sum();
    }

    /**
     * @param name {@code fashion-mnist}, {@code mnist} or {@code cifar10}
     * @return the built-in source of that dataset
     * @throws IllegalArgumentException for another name
     */
    public static DatasetSource of(String name) {
        return switch (name) {
            case "fashion-mnist" -> fashionMnist();
            case "mnist" -> mnist();
            case "cifar10" -> cifar10();
            default -> throw new IllegalArgumentException("Unknown dataset '" + name
                    + "'; 'jackpot data fetch' knows fashion-mnist, mnist and cifar10.");
        };
    }

    /** @return Fashion-MNIST's four gzipped IDX files (Zalando's bucket; Keras's mirror) */
    public static DatasetSource fashionMnist() {
        return new DatasetSource("fashion-mnist", "https://github.com/zalandoresearch/fashion-mnist",
                List.of(URI.create("https://storage.googleapis.com/tensorflow/tf-keras-datasets/"),
                        URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
                List.of(new RemoteFile("train-images-idx3-ubyte.gz", 26_421_880,
                                "08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc"),
                        new RemoteFile("train-labels-idx1-ubyte.gz", 29_515,
                                "b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc"),
                        new RemoteFile("t10k-images-idx3-ubyte.gz", 4_422_102,
                                "78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229"),
                        new RemoteFile("t10k-labels-idx1-ubyte.gz", 5_148,
                                "42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf")),
                List.of());
    }

    /** @return MNIST's four gzipped IDX files (the mirrors torchvision and TensorFlow use) */
    public static DatasetSource mnist() {
        return new DatasetSource("mnist", "http://yann.lecun.com/exdb/mnist/",
                List.of(URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
                        URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/")),
                List.of(new RemoteFile("train-images-idx3-ubyte.gz", 9_912_422,
                                "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                        new RemoteFile("train-labels-idx1-ubyte.gz", 28_881,
                                "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                        new RemoteFile("t10k-images-idx3-ubyte.gz", 1_648_877,
                                "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                        new RemoteFile("t10k-labels-idx1-ubyte.gz", 4_542,
                                "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")),
                List.of());
    }

    /** @return CIFAR-10's binary version, one archive of six batch files (Krizhevsky's page) */
    public static DatasetSource cifar10() {
        return new DatasetSource("cifar10", "https://www.cs.toronto.edu/~kriz/cifar.html",
                List.of(URI.create("https://www.cs.toronto.edu/~kriz/")),
                List.of(new RemoteFile("cifar-10-binary.tar.gz", 170_052_171,
                        "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd")),
                List.of(new ArchiveMember("data_batch_1.bin", CIFAR_BATCH), new ArchiveMember("data_batch_2.bin", CIFAR_BATCH),
                        new ArchiveMember("data_batch_3.bin", CIFAR_BATCH), new ArchiveMember("data_batch_4.bin", CIFAR_BATCH),
                        new ArchiveMember("data_batch_5.bin", CIFAR_BATCH), new ArchiveMember("test_batch.bin", CIFAR_BATCH)));
    }
}
