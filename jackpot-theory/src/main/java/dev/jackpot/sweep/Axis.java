package dev.jackpot.sweep;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One axis of a sweep: a field of the base spec and the values it takes.
 *
 * <p>{@code name} is a dotted path into the trial spec ({@code n}, {@code teacher.r},
 * {@code init.lambda}, {@code agd.beta}, ...). Values are numbers or strings set at that path, or
 * objects mapping several paths to values at once (e.g. an architecture: {@code {label: "2 groups",
 * teacher.overlap: groups, teacher.groups: 2}}); an object's {@code label} entry, if any, names the
 * point on the axis. Instead of {@code values} an axis may give a {@code range}.
 *
 * @param name   the path the values are set at (or a label for object values)
 * @param values the values, in order; empty when {@code range} is given
 * @param range  an inclusive arithmetic range, or null
 */
public record Axis(String name, List<Object> values, Range range) {

    /**
     * An inclusive arithmetic range from, from + step, ..., up to to.
     *
     * @param from first value
     * @param to   last value (included when on the grid, within 1e-9 of a step)
     * @param step positive increment
     */
    public record Range(double from, double to, double step) {
        /**
         * @throws IllegalArgumentException if the range is empty, not finite or too long
         */
        public Range {
            if (!Double.isFinite(from) || !Double.isFinite(to) || !Double.isFinite(step)) {
                throw new IllegalArgumentException("range bounds and step must be finite, got from " + from + ", to "
                        + to + ", step " + step);
            }
            if (step <= 0 || to < from) {
                throw new IllegalArgumentException("range needs step > 0 and to >= from, got from " + from + ", to "
                        + to + ", step " + step);
            }
            if ((to - from) / step > 100_000) {
                throw new IllegalArgumentException("range from " + from + " to " + to + " by " + step
                        + " has more than 100000 points");
            }
        }

        List<Object> expand() {
            boolean integral = from == Math.rint(from) && step == Math.rint(step);
            List<Object> out = new ArrayList<>();
            BigDecimal start = BigDecimal.valueOf(from);
            BigDecimal inc = BigDecimal.valueOf(step);
            for (int i = 0; ; i++) {
                BigDecimal v = start.add(inc.multiply(BigDecimal.valueOf(i)));
                if (v.doubleValue() > to + 1e-9 * step) {
                    break;
                }
                out.add(integral ? (Object) v.longValue() : (Object) v.doubleValue());
            }
            return out;
        }
    }

    /**
     * Validates the axis and expands a range into values.
     *
     * @throws IllegalArgumentException if the name is blank, or neither or both of values and range
     *                                  are given, or a value is of an unsupported type
     */
    public Axis {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an axis needs a name (the spec field it sets), got a blank one");
        }
        boolean hasValues = values != null && !values.isEmpty();
        if (hasValues == (range != null)) {
            throw new IllegalArgumentException("axis '" + name + "' must give exactly one of 'values' (a non-empty list) "
                    + "or 'range'");
        }
        List<Object> list = new ArrayList<>();
        for (Object v : hasValues ? values : range.expand()) {
            if (!(v instanceof Number || v instanceof String || v instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("axis '" + name + "' has value " + v
                        + "; values must be numbers, strings or objects of field: value");
            }
            // One representation per number, so a spec read back from YAML equals the original.
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                v = ((Number) v).longValue();
            } else if (v instanceof Number n) {
                v = n.doubleValue();
            }
            list.add(v);
        }
        values = List.copyOf(list);
        range = null;
    }

    /**
     * @param name   the spec path
     * @param values its values
     * @return the axis
     */
    public static Axis of(String name, Object... values) {
        return new Axis(name, List.of(values), null);
    }

    /**
     * @param index a point on this axis
     * @return what identifies it in results: the value itself, or an object value's label (or index)
     */
    public Object coordinate(int index) {
        Object v = values.get(index);
        if (v instanceof Map<?, ?> m) {
            Object label = m.get("label");
            return label != null ? label.toString() : (Object) (long) index;
        }
        return v;
    }
}
