package dev.jackpot.tensor;

import java.util.Arrays;

/**
 * One named tensor in row-major (C) order: element {@code (i0, i1, ..., ik)} of a tensor with
 * shape {@code (s0, ..., sk)} is {@code values[((i0 * s1 + i1) * s2 + ...) + ik]}, the layout of
 * NumPy, PyTorch and safetensors. A mask is a tensor whose values are exactly 0 or 1.
 *
 * <p>The arrays are not copied: a tensor is a view that its owner may mutate in place (training
 * updates weights without reallocating). Use {@link #copy()} for a snapshot.
 *
 * @param name   the parameter's name, e.g. {@code "fc1.weight"}; non-blank
 * @param shape  the dimensions, each at least 1; a scalar has shape {@code []}
 * @param values {@code prod(shape)} values
 */
public record NamedTensor(String name, int[] shape, float[] values) {

    public NamedTensor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A tensor needs a non-blank name.");
        }
        if (shape == null || values == null) {
            throw new IllegalArgumentException("Tensor " + name + " needs a shape and values.");
        }
        long size = 1;
        for (int s : shape) {
            if (s < 1) {
                throw new IllegalArgumentException("Tensor " + name + " has a dimension of size "
                        + s + " in shape " + Arrays.toString(shape) + "; every dimension must be at least 1.");
            }
            size *= s;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("Tensor " + name + " has shape " + Arrays.toString(shape)
                    + " (" + size + " elements) but " + values.length + " values.");
        }
    }

    /** A tensor of zeros. */
    public static NamedTensor zeros(String name, int... shape) {
        long size = 1;
        for (int s : shape) {
            size *= Math.max(s, 0);
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Tensor " + name + " with shape " + Arrays.toString(shape)
                    + " is too large for one Java array.");
        }
        return new NamedTensor(name, shape.clone(), new float[(int) size]);
    }

    /** @return the number of elements, {@code prod(shape)} */
    public int size() {
        return values.length;
    }

    /** @return a deep copy: new shape and value arrays */
    public NamedTensor copy() {
        return new NamedTensor(name, shape.clone(), values.clone());
    }

    /** @return a tensor with this name and shape and the given values (not copied) */
    public NamedTensor withValues(float[] newValues) {
        return new NamedTensor(name, shape, newValues);
    }

    /** @return true when the other tensor has the same name, shape and bit-identical values */
    public boolean sameAs(NamedTensor other) {
        if (!name.equals(other.name) || !Arrays.equals(shape, other.shape)
                || values.length != other.values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (Float.floatToRawIntBits(values[i]) != Float.floatToRawIntBits(other.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t && sameAs(t);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
