package dev.jackpot.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.experiment.SpecException;
import dev.jackpot.rng.Seeds;
import dev.jackpot.teacher.TeacherTrialSpec;
import dev.jackpot.theory.TeacherRun;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells of a sweep and the trial spec of each (cell, trial). Every cell's spec is built and
 * validated before anything runs, so a bad axis value fails the sweep at once, naming the cell.
 */
public final class SweepPlan {

    /**
     * One point of the grid.
     *
     * @param index       position in the grid (first axis slowest)
     * @param coordinates axis name to coordinate, in axis order
     * @param spec        the cell's trial spec (seed still the base's)
     */
    public record Cell(int index, LinkedHashMap<String, Object> coordinates, TeacherTrialSpec spec) {
    }

    private final SweepSpec sweep;
    private final List<Cell> cells;

    /**
     * @param sweep the sweep
     * @throws SpecException if some cell's spec is invalid
     */
    public SweepPlan(SweepSpec sweep) {
        this.sweep = sweep;
        this.cells = build(sweep);
    }

    /** @return the sweep */
    public SweepSpec sweep() {
        return sweep;
    }

    /** @return every cell, in grid order */
    public List<Cell> cells() {
        return cells;
    }

    /** @return cells x trials */
    public int totalTrials() {
        return cells.size() * sweep.trials();
    }

    /**
     * @param cell  a cell
     * @param trial a trial index
     * @return the unique key of that trial in the results store
     */
    public static String key(int cell, int trial) {
        return "c" + cell + "-t" + trial;
    }

    /**
     * @param cell  a cell
     * @param trial trial index
     * @return the seed of that trial, derived by name from the sweep's root seed
     */
    public long seed(Cell cell, int trial) {
        return Seeds.derive(sweep.seed(), "trial", cell.index(), trial);
    }

    /**
     * @param cell  a cell
     * @param trial trial index
     * @return the full spec of that trial
     */
    public TeacherTrialSpec trialSpec(Cell cell, int trial) {
        return cell.spec().withSeed(seed(cell, trial));
    }

    private static List<Cell> build(SweepSpec sweep) {
        List<Axis> axes = sweep.axes();
        int total = sweep.cells();
        List<Cell> out = new ArrayList<>(total);
        int[] idx = new int[axes.size()];
        for (int c = 0; c < total; c++) {
            int rest = c;
            for (int a = axes.size() - 1; a >= 0; a--) {
                int n = axes.get(a).values().size();
                idx[a] = rest % n;
                rest /= n;
            }
            ObjectNode tree = TeacherRun.CODEC.toTree(sweep.base());
            LinkedHashMap<String, Object> coords = new LinkedHashMap<>();
            for (int a = 0; a < axes.size(); a++) {
                Axis axis = axes.get(a);
                Object value = axis.values().get(idx[a]);
                if (value instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        if (!"label".equals(e.getKey())) {
                            set(tree, e.getKey().toString(), e.getValue(), axis.name());
                        }
                    }
                } else {
                    set(tree, axis.name(), value, axis.name());
                }
                coords.put(axis.name(), axis.coordinate(idx[a]));
            }
            TeacherTrialSpec spec;
            try {
                spec = TeacherRun.CODEC.fromTree(tree, "sweep cell " + coords);
            } catch (SpecException e) {
                throw new SpecException(e.getMessage(), e);
            }
            out.add(new Cell(c, coords, spec));
        }
        return List.copyOf(out);
    }

    /** Sets a dotted path in the tree; every segment must name an existing field (case-insensitively). */
    private static void set(ObjectNode tree, String path, Object value, String axis) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length; i++) {
            String field = match(node, parts[i]);
            if (field == null) {
                List<String> known = new ArrayList<>();
                node.fieldNames().forEachRemaining(known::add);
                throw new SpecException("axis '" + axis + "': '" + path + "' names no field of the spec; fields here: "
                        + known, null);
            }
            if (i == parts.length - 1) {
                node.set(field, SpecCodec.json().valueToTree(value));
            } else {
                JsonNode child = node.get(field);
                if (!(child instanceof ObjectNode obj)) {
                    throw new SpecException("axis '" + axis + "': '" + parts[i] + "' in '" + path + "' is not a group of fields",
                            null);
                }
                node = obj;
            }
        }
    }

    private static String match(ObjectNode node, String name) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.equalsIgnoreCase(name)) {
                return n;
            }
        }
        return null;
    }
}
