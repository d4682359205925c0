package dev.jackpot.ticket;

import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored array of a ticket file: key {@code <group>/<tensor name>}, a mask (stored as bytes
 * 0/1) or float32 weights, its shape and values.
 */
record Entry(String key, boolean mask, int[] shape, float[] values) {

    /** @return the ticket's tensors, in group order then tensor order */
    static List<Entry> of(Ticket ticket) {
        List<Entry> out = new ArrayList<>();
        for (String g : Ticket.GROUPS) {
            for (NamedTensor t : ticket.group(g)) {
                out.add(new Entry(g + "/" + t.name(), g.equals("mask"), t.shape(), t.values()));
            }
        }
        return out;
    }

    /**
     * Rebuilds a ticket from stored arrays.
     *
     * @throws TicketFormatException if a key has no known group, a group has the wrong kind of data,
     *                               or the tensors are inconsistent
     */
    static Ticket toTicket(List<Entry> entries, String spec, Map<String, String> metadata, String file)
            throws TicketFormatException {
        Map<String, List<NamedTensor>> groups = new LinkedHashMap<>();
        for (String g : Ticket.GROUPS) {
            groups.put(g, new ArrayList<>());
        }
        for (Entry e : entries) {
            int slash = e.key.indexOf('/');
            String group = slash < 0 ? "" : e.key.substring(0, slash);
            if (!groups.containsKey(group) || slash == e.key.length() - 1) {
                throw new TicketFormatException(file + " holds an array named " + e.key + "; ticket arrays are named "
                        + "<group>/<tensor> with group one of " + Ticket.GROUPS + ".");
            }
            if (e.mask != group.equals("mask")) {
                throw new TicketFormatException(file + " stores " + e.key + " as " + (e.mask ? "bytes" : "float32")
                        + "; masks must be uint8 or bool and weights float32.");
            }
            try {
                groups.get(group).add(new NamedTensor(e.key.substring(slash + 1), e.shape, e.values));
            } catch (IllegalArgumentException ex) {
                throw new TicketFormatException(file + ": array " + e.key + " is not a valid tensor: " + ex.getMessage(), ex);
            }
        }
        try {
            return new Ticket(set(groups.get("mask")), set(groups.get("init")), set(groups.get("rewind")),
                    set(groups.get("final")), spec, metadata);
        } catch (IllegalArgumentException ex) {
            throw new TicketFormatException(file + " is not a consistent ticket: " + ex.getMessage(), ex);
        }
    }

    private static TensorSet set(List<NamedTensor> tensors) {
        return TensorSet.of(tensors);
    }

    /** @return the element count */
    long size() {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** @return {@code prod(shape)} as int, or throws when any dimension is negative or the product too large */
    static int checkedSize(long[] shape, String what) throws TicketFormatException {
        long n = 1;
        for (long s : shape) {
            if (s < 1 || s > Integer.MAX_VALUE) {
                throw new TicketFormatException(what + " has a dimension of size " + s
                        + "; every dimension must be between 1 and " + Integer.MAX_VALUE + ".");
            }
            n *= s;
            if (n > Integer.MAX_VALUE - 16) {
                throw new TicketFormatException(what + " has more elements than one Java array can hold.");
            }
        }
        return (int) n;
    }

    static int[] toInt(long[] shape) {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = (int) shape[i];
        }
        return s;
    }
}
