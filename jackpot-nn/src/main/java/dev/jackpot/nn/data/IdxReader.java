package dev.jackpot.nn.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST (LeCun et al., "Gradient-based learning applied to
 * document recognition", 1998; Xiao, Rasul, Vollgraf, arXiv:1708.07747), plain or gzipped (detected
 * by the gzip magic bytes, not by the file name).
 *
 * <p>Format: the magic number is four big-endian bytes {@code 00 00 TT DD}, {@code TT = 0x08} for
 * unsigned bytes (the only type these datasets use), {@code DD} the number of dimensions; then
 * {@code DD} big-endian 32-bit sizes; then the values in row-major order. Images are {@code 0x803}
 * (N x H x W), labels {@code 0x801} (N). The reader checks the magic, that each size is positive,
 * that the file holds exactly the promised number of bytes (no truncation, no trailing bytes), that
 * labels are below the class count, and that images and labels agree in number.
 */
public final class IdxReader {

    private IdxReader() {
    }

    /** The decoded content of one IDX file: sizes and raw unsigned bytes. */
    record Idx(int[] dims, byte[] data) {
    }

    /**
     * Loads an image file and its label file into one dataset with one channel.
     *
     * @param name    the dataset's name
     * @param images  the image file (magic 0x803), plain or gzipped
     * @param labels  the label file (magic 0x801), plain or gzipped
     * @param classes the number of classes; every label must be below it
     * @return the dataset, N x 1 x H x W
     * @throws MalformedDataException if either file is not a valid IDX file of the expected kind, a
     *                                label is out of range, or the counts differ
     * @throws IOException            if a file cannot be read
     */
    public static ImageDataset load(String name, Path images, Path labels, int classes) throws IOException {
        Idx img = read(images, 3);
        Idx lab = read(labels, 1);
        if (img.dims()[0] != lab.dims()[0]) {
            throw new MalformedDataException(labels, "holds " + lab.dims()[0] + " labels but the image file "
                    + images + " holds " + img.dims()[0] + " images; they must be the same count.");
        }
        byte[] l = lab.data();
        for (int i = 0; i < l.length; i++) {
            if ((l[i] & 0xFF) >= classes) {
                throw new MalformedDataException(labels, "label " + (l[i] & 0xFF) + " of example " + i
                        + " is outside [0, " + classes + "); the file is corrupted or not a label file of this dataset.");
            }
        }
        return new ImageDataset(name, 1, img.dims()[1], img.dims()[2], classes, img.data(), l);
    }

    /**
     * Reads and validates one IDX file of unsigned bytes.
     *
     * @param file           the file, plain or gzipped
     * @param expectedDims   the required number of dimensions (1 for labels, 3 for images)
     * @return the sizes and data
     * @throws MalformedDataException if the file is not such an IDX file
     * @throws IOException            if it cannot be read
     */
    static Idx read(Path file, int expectedDims) throws IOException {
        return parse(file, RawFiles.read(file), expectedDims);
    }

    /** Validates and decodes the bytes of an IDX file (gzipped or not); {@code file} names it in errors. */
    static Idx parse(Path file, byte[] raw, int expectedDims) throws IOException {
        byte[] b = RawFiles.decode(file, raw);
        if (b.length < 4) {
            throw new MalformedDataException(file, "the file has " + b.length
                    + " bytes, too few for the 4-byte IDX magic number; it is truncated or not an IDX file.");
        }
        int magic = readInt(b, 0);
        if (b[0] != 0 || b[1] != 0) {
            throw new MalformedDataException(file, String.format("the magic number is 0x%08x; an IDX file starts with "
                    + "two zero bytes (expected 0x%08x).", magic, 0x800 | expectedDims));
        }
        if ((b[2] & 0xFF) != 0x08) {
            throw new MalformedDataException(file, String.format("the IDX type code is 0x%02x; only 0x08 (unsigned "
                    + "byte), the type of MNIST and Fashion-MNIST, is supported.", b[2] & 0xFF));
        }
        int dims = b[3] & 0xFF;
        if (dims != expectedDims) {
            throw new MalformedDataException(file, String.format("the magic number 0x%08x declares %d dimension(s); "
                    + "expected %d (magic 0x%08x, %s).", magic, dims, expectedDims, 0x800 | expectedDims,
                    expectedDims == 1 ? "a label file" : "an image file"));
        }
        int header = 4 + 4 * dims;
        if (b.length < header) {
            throw new MalformedDataException(file, "the file has " + b.length + " bytes, fewer than its "
                    + header + "-byte header; it is truncated.");
        }
        int[] sizes = new int[dims];
        long count = 1;
        for (int d = 0; d < dims; d++) {
            sizes[d] = readInt(b, 4 + 4 * d);
            if (sizes[d] < 1) {
                throw new MalformedDataException(file, "dimension " + d + " has size " + sizes[d]
                        + " in the header; every size must be positive.");
            }
            count *= sizes[d];
            if (count > RawFiles.MAX_BYTES) {
                throw new MalformedDataException(file, "the header sizes " + Arrays.toString(Arrays.copyOf(sizes, d + 1))
                        + " promise more than " + RawFiles.MAX_BYTES + " values; the header is corrupted.");
            }
        }
        long have = b.length - header;
        if (have < count) {
            throw new MalformedDataException(file, "the header promises " + count + " values " + Arrays.toString(sizes)
                    + " but the file holds only " + have + "; it is truncated.");
        }
        if (have > count) {
            throw new MalformedDataException(file, "the header promises " + count + " values " + Arrays.toString(sizes)
                    + " but the file holds " + have + " (" + (have - count) + " trailing bytes); it is corrupted.");
        }
        return new Idx(sizes, Arrays.copyOfRange(b, header, b.length));
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
