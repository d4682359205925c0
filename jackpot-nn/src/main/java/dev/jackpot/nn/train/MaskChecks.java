package dev.jackpot.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** The masking invariant as one reduction. */
final class MaskChecks {

    private MaskChecks() {
    }

    /**
     * @param a   a weight or optimiser buffer
     * @param off a boolean array, true where the mask is 0
     * @return how many entries of {@code a} are not exactly zero (NaN counts) where {@code off} is true
     */
    static long nonZerosWhere(NDArray a, NDArray off) {
        return a.neq(0).logicalAnd(off).sum().toType(DataType.INT64, false).getLong();
    }

    /**
     * @param a    a buffer's values
     * @param mask the 0/1 mask, same length
     * @return how many entries of {@code a} are not exactly zero (NaN counts) where the mask is 0
     */
    static long nonZerosWhere(float[] a, float[] mask) {
        long bad = 0;
        for (int k = 0; k < a.length; k++) {
            if (mask[k] == 0 && !(a[k] == 0)) {
                bad++;
            }
        }
        return bad;
    }
}
