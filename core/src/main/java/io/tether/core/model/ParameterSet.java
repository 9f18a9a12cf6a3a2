package io.tether.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.tether.core.djl.NdArrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The named parameter arrays of a model, in a fixed order. Names are dotted paths such as {@code
 * layers.0.attn.qkv.weight}. The arrays are owned by the model's manager.
 */
public final class ParameterSet {
  private final LinkedHashMap<String, NDArray> arrays = new LinkedHashMap<>();

  /** Adds a parameter; names are unique. */
  public void put(String name, NDArray array) {
    if (arrays.putIfAbsent(name, array) != null) {
      throw new IllegalArgumentException("duplicate parameter " + name);
    }
  }

  /** The array named {@code name}; a clear error when absent. */
  public NDArray get(String name) {
    NDArray a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no parameter named " + name);
    }
    return a;
  }

  /** Whether a parameter of that name exists. */
  public boolean contains(String name) {
    return arrays.containsKey(name);
  }

  /** Parameters in insertion order. */
  public Map<String, NDArray> asMap() {
    return Collections.unmodifiableMap(arrays);
  }

  /** Arrays in insertion order. */
  public List<NDArray> arrays() {
    return List.copyOf(arrays.values());
  }

  /** Marks every array as needing (or not) a gradient. */
  public void setRequiresGradient(boolean requires) {
    arrays.values().forEach(a -> a.setRequiresGradient(requires));
  }

  /** Total number of scalars. */
  public long size() {
    return arrays.values().stream().mapToLong(NDArray::size).sum();
  }

  /**
   * Copies the values of {@code source}'s parameters whose names pass {@code filter} into this
   * set's arrays of the same name and shape (for example a policy's trunk into a reward model).
   *
   * @return the number of parameters copied
   */
  public int copyFrom(ParameterSet source, Predicate<String> filter) {
    int copied = 0;
    for (Map.Entry<String, NDArray> e : source.arrays.entrySet()) {
      if (!filter.test(e.getKey()) || !arrays.containsKey(e.getKey())) {
        continue;
      }
      NDArray target = arrays.get(e.getKey());
      Shape expected = target.getShape();
      if (!expected.equals(e.getValue().getShape())) {
        throw new IllegalArgumentException(
            "parameter " + e.getKey() + " has shape " + e.getValue().getShape()
                + " in the source but " + expected + " here");
      }
      NdArrays.assign(target, e.getValue());
      copied++;
    }
    return copied;
  }
}
