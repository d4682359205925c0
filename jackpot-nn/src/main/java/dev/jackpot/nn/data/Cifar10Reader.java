package dev.jackpot.nn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the binary version of CIFAR-10 (Krizhevsky, "Learning multiple layers of features from tiny
 * images", 2009; {@code cifar-10-batches-bin}): each file is a sequence of 3073-byte records, one
 * label byte in [0, 10) followed by 3072 pixel bytes (1024 red, 1024 green, 1024 blue, each 32 x 32
 * row-major), which is already the N x C x H x W layout of {@link ImageDataset}. The training set
 * is {@code data_batch_1.bin} .. {@code data_batch_5.bin} (10,000 records each), the test set
 * {@code test_batch.bin}. Files may be gzipped.
 */
public final class Cifar10Reader {

    /** Bytes per record: label + 3 x 32 x 32 pixels. */
    public static final int RECORD = 1 + 3 * 32 * 32;
    /** Number of classes. */
    public static final int CLASSES = 10;

    private Cifar10Reader() {
    }

    /**
     * Reads the CIFAR-10 training and test sets from a directory holding the binary batches
     * (or from its {@code cifar-10-batches-bin} sub-directory).
     *
     * @param dir the directory
     * @return train (50,000 examples for the full data) and test (10,000)
     * @throws IOException if a batch file is missing, unreadable or malformed
     */
    public static DataSplit load(Path dir) throws IOException {
        Path base = Files.isDirectory(dir.resolve("cifar-10-batches-bin")) ? dir.resolve("cifar-10-batches-bin") : dir;
        Path[] trainFiles = new Path[5];
        for (int i = 0; i < 5; i++) {
            trainFiles[i] = base.resolve("data_batch_" + (i + 1) + ".bin");
        }
        ImageDataset train = readBatches("cifar10/train", trainFiles);
        ImageDataset test = readBatches("cifar10/test", base.resolve("test_batch.bin"));
        return DataSplit.of(train, test);
    }

    /**
     * Reads and concatenates binary batch files.
     *
     * @param name  the dataset's name
     * @param files the batch files, in order
     * @return the dataset, N x 3 x 32 x 32
     * @throws MalformedDataException if a file's length is not a positive multiple of 3073 or a label is not below 10
     * @throws IOException            if a file is missing or unreadable
     */
    public static ImageDataset readBatches(String name, Path... files) throws IOException {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new NoSuchFileException(f.toString(), null,
                        "the CIFAR-10 batch file does not exist; give the directory of the binary version (cifar-10-batches-bin)");
            }
            parse(f, RawFiles.read(f), pixels, labels);
        }
        return new ImageDataset(name, 3, 32, 32, CLASSES, pixels.toByteArray(), labels.toByteArray());
    }

    /** Validates one batch file's bytes (gzipped or not) and appends its records; {@code f} names it in errors. */
    static void parse(Path f, byte[] raw, ByteArrayOutputStream pixels, ByteArrayOutputStream labels) throws IOException {
        byte[] b = RawFiles.decode(f, raw);
        if (b.length == 0 || b.length % RECORD != 0) {
            throw new MalformedDataException(f, "the file has " + b.length + " bytes, which is not a positive "
                    + "multiple of the " + RECORD + "-byte CIFAR-10 record; it is truncated or not a CIFAR-10 binary batch.");
        }
        int n = b.length / RECORD;
        for (int i = 0; i < n; i++) {
            int label = b[i * RECORD] & 0xFF;
            if (label >= CLASSES) {
                throw new MalformedDataException(f, "record " + i + " has label " + label + ", outside [0, "
                        + CLASSES + "); the file is corrupted or not a CIFAR-10 batch (CIFAR-100 records are 3074 bytes).");
            }
            labels.write(label);
            pixels.write(b, i * RECORD + 1, RECORD - 1);
        }
    }
}
