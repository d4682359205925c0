package dev.jackpot.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered set of named tensors: a model's parameters, a mask per prunable parameter, or the
 * weights of a ticket at one point of training. Order is insertion order and is part of the
 * contract (pruning breaks ties by tensor order, files list tensors in this order).
 */
public final class TensorSet implements Iterable<NamedTensor> {

    private final Map<String, NamedTensor> tensors;

    private TensorSet(Map<String, NamedTensor> tensors) {
        this.tensors = tensors;
    }

    /**
     * @param tensors the tensors, in order
     * @return a set holding them (the tensors themselves are not copied)
     * @throws IllegalArgumentException if two tensors share a name
     */
    public static TensorSet of(List<NamedTensor> tensors) {
        Map<String, NamedTensor> map = new LinkedHashMap<>();
        for (NamedTensor t : tensors) {
            if (map.putIfAbsent(t.name(), t) != null) {
                throw new IllegalArgumentException("Two tensors are named " + t.name() + "; names must be unique.");
            }
        }
        return new TensorSet(Collections.unmodifiableMap(map));
    }

    /** @see #of(List) */
    public static TensorSet of(NamedTensor... tensors) {
        return of(List.of(tensors));
    }

    /**
     * @param name a tensor's name
     * @return the tensor
     * @throws IllegalArgumentException if there is none of that name
     */
    public NamedTensor get(String name) {
        NamedTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("No tensor named " + name + "; have " + tensors.keySet() + ".");
        }
        return t;
    }

    /** @return whether a tensor of that name exists */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** @return the names, in order */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    /** @return the tensors, in order */
    public List<NamedTensor> list() {
        return List.copyOf(tensors.values());
    }

    /** @return the number of tensors */
    public int size() {
        return tensors.size();
    }

    /** @return the total number of elements over all tensors */
    public long elementCount() {
        long n = 0;
        for (NamedTensor t : tensors.values()) {
            n += t.size();
        }
        return n;
    }

    /** @return a deep copy */
    public TensorSet copy() {
        List<NamedTensor> copies = new ArrayList<>(tensors.size());
        for (NamedTensor t : tensors.values()) {
            copies.add(t.copy());
        }
        return of(copies);
    }

    /** @return true when both sets hold the same names, in the same order, with bit-identical tensors */
    public boolean sameAs(TensorSet other) {
        if (!names().equals(other.names())) {
            return false;
        }
        for (NamedTensor t : tensors.values()) {
            if (!t.sameAs(other.get(t.name()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Iterator<NamedTensor> iterator() {
        return tensors.values().iterator();
    }

    @Override
    public String toString() {
        return tensors.values().toString();
    }
}
