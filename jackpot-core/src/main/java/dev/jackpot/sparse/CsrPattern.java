package dev.jackpot.sparse;

/**
 * The kept positions of a masked {@code rows x cols} weight matrix, in compressed sparse row order,
 * with the transposed (compressed column) index for the input gradient.
 *
 * <p>Kept weight k (from 0 to {@link #nnz()}) sits at row {@code o} with
 * {@code rowPtr[o] <= k < rowPtr[o + 1]} and column {@code col[k]}; within a row columns
 * ascend, so k orders the kept entries exactly as the row-major dense matrix does. The column index
 * lists, for column i, the positions k of its kept weights in ascending row order.
 */
public final class CsrPattern {

    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] col;
    private final int[] colPtr;
    private final int[] colPos;
    private final int[] rowOfEntry;

    private CsrPattern(int rows, int cols, int[] rowPtr, int[] col) {
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.col = col;
        int nnz = col.length;
        this.colPtr = new int[cols + 1];
        for (int k = 0; k < nnz; k++) {
            colPtr[col[k] + 1]++;
        }
        for (int i = 0; i < cols; i++) {
            colPtr[i + 1] += colPtr[i];
        }
        this.colPos = new int[nnz];
        int[] next = java.util.Arrays.copyOf(colPtr, cols);
        for (int k = 0; k < nnz; k++) {
            colPos[next[col[k]]++] = k;
        }
        this.rowOfEntry = new int[nnz];
        for (int o = 0; o < rows; o++) {
            java.util.Arrays.fill(rowOfEntry, rowPtr[o], rowPtr[o + 1], o);
        }
    }

    /**
     * @param mask row-major {@code rows x cols} values, each exactly 0 or 1
     * @param rows rows (outputs), at least 1
     * @param cols columns (inputs), at least 1
     * @return the pattern of the ones
     * @throws IllegalArgumentException if the sizes disagree or a value is neither 0 nor 1
     */
    public static CsrPattern ofMask(float[] mask, int rows, int cols) {
        if (rows < 1 || cols < 1 || (long) rows * cols != mask.length) {
            throw new IllegalArgumentException("A " + rows + " x " + cols + " mask needs " + ((long) rows * cols)
                    + " values, got " + mask.length + ".");
        }
        int nnz = 0;
        for (float v : mask) {
            if (v == 1f) {
                nnz++;
            } else if (v != 0f) {
                throw new IllegalArgumentException("Mask values must be exactly 0 or 1, got " + v + ".");
            }
        }
        int[] rowPtr = new int[rows + 1];
        int[] col = new int[nnz];
        int k = 0;
        for (int o = 0; o < rows; o++) {
            int base = o * cols;
            for (int i = 0; i < cols; i++) {
                if (mask[base + i] == 1f) {
                    col[k++] = i;
                }
            }
            rowPtr[o + 1] = k;
        }
        return new CsrPattern(rows, cols, rowPtr, col);
    }

    /** @return a pattern keeping every entry */
    public static CsrPattern dense(int rows, int cols) {
        float[] ones = new float[rows * cols];
        java.util.Arrays.fill(ones, 1f);
        return ofMask(ones, rows, cols);
    }

    /** @return rows (outputs) */
    public int rows() {
        return rows;
    }

    /** @return columns (inputs) */
    public int cols() {
        return cols;
    }

    /** @return kept entries */
    public int nnz() {
        return col.length;
    }

    /** @return kept entries / (rows x cols) */
    public double density() {
        return col.length / ((double) rows * cols);
    }

    int[] rowPtr() {
        return rowPtr;
    }

    int[] colIndex() {
        return col;
    }

    int[] colPtr() {
        return colPtr;
    }

    int[] colPos() {
        return colPos;
    }

    int[] rowOfEntry() {
        return rowOfEntry;
    }

    /**
     * Gathers the kept entries of a dense row-major matrix.
     *
     * @param dense {@code rows x cols} values
     * @return {@code nnz} values in pattern order
     */
    public float[] gather(float[] dense) {
        if (dense.length != rows * cols) {
            throw new IllegalArgumentException("Expected " + (rows * cols) + " values, got " + dense.length + ".");
        }
        float[] out = new float[col.length];
        for (int o = 0; o < rows; o++) {
            int base = o * cols;
            for (int k = rowPtr[o]; k < rowPtr[o + 1]; k++) {
                out[k] = dense[base + col[k]];
            }
        }
        return out;
    }

    /**
     * Scatters pattern-ordered values into a dense row-major matrix whose other entries are +0.0.
     *
     * @param values {@code nnz} values
     * @return {@code rows x cols} values
     */
    public float[] scatter(float[] values) {
        if (values.length != col.length) {
            throw new IllegalArgumentException("Expected " + col.length + " values, got " + values.length + ".");
        }
        float[] out = new float[rows * cols];
        for (int o = 0; o < rows; o++) {
            int base = o * cols;
            for (int k = rowPtr[o]; k < rowPtr[o + 1]; k++) {
                out[base + col[k]] = values[k];
            }
        }
        return out;
    }
}
