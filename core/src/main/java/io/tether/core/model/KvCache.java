package io.tether.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Keys and values of every layer for the columns generated so far, shaped (B, H, T, Dh).
 *
 * <p>Each layer's keys and values live in one preallocated buffer (B, H, capacity, Dh) in the
 * cache's own manager; a pass writes its columns in place and attends over a view of the first
 * T columns, so a decode step copies one column per layer instead of the whole cache (a
 * concatenation per step made the copy grow with T and dominated the step time). A pass that
 * would overflow the buffer moves it to one twice as large. Slicing and writing go straight to
 * PyTorch ({@link JniUtils#index}, {@link JniUtils#indexSet}): one native call each, where DJL's
 * {@code NDIndex} path parses a string and makes several.
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final Layer[] layers;
  private static final long[] ONES = {1, 1, 1, 1};
  private final int initialCapacity;

  /**
   * A cache for {@code nLayer} layers whose arrays are owned by a sub-manager of {@code parent}.
   *
   * @param capacity columns to reserve up front (prompt plus new tokens); more are added when
   *     needed
   */
  public KvCache(NDManager parent, int nLayer, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.manager = parent.newSubManager();
    this.initialCapacity = capacity;
    this.layers = new Layer[nLayer];
    for (int i = 0; i < nLayer; i++) {
      layers[i] = new Layer();
    }
  }

  /** A cache that starts with room for 64 columns. */
  public KvCache(NDManager parent, int nLayer) {
    this(parent, nLayer, 64);
  }

  Layer layer(int i) {
    return layers[i];
  }

  /** Number of key columns held (0 before the first pass). */
  public long length() {
    return layers[0].length;
  }

  @Override
  public void close() {
    manager.close();
  }

  /**
   * One layer's cached keys and values. {@link #appendKeys} then {@link #appendValues} with the
   * same number of columns make one pass.
   */
  final class Layer {
    private NDArray keys;
    private NDArray values;
    private long length;

    /** Writes {@code k} (B, H, t, Dh) after the held columns; returns all keys (B, H, T, Dh). */
    NDArray appendKeys(NDArray k) {
      keys = write(keys, k, length);
      return view(keys, length + k.getShape().get(2), k);
    }

    /** As {@link #appendKeys}, for values; completes the pass. */
    NDArray appendValues(NDArray v) {
      values = write(values, v, length);
      length += v.getShape().get(2);
      return view(values, length, v);
    }

    /** The first {@code n} columns of {@code buffer}, owned by the pass's manager (that of fresh). */
    private NDArray view(NDArray buffer, long n, NDArray fresh) {
      return columns(buffer, n, (PtNDManager) fresh.getManager());
    }

    private NDArray write(NDArray buffer, NDArray fresh, long at) {
      long t = fresh.getShape().get(2);
      if (buffer == null || at + t > buffer.getShape().get(2)) {
        buffer = grow(buffer, fresh, Math.max(initialCapacity, 2 * (at + t)), at);
      }
      Shape s = buffer.getShape();
      JniUtils.indexSet((PtNDArray) buffer, (PtNDArray) fresh, new long[] {0, 0, at, 0},
          new long[] {s.get(0), s.get(1), at + t, s.get(3)}, ONES);
      return buffer;
    }

    /** A buffer of {@code capacity} columns holding the first {@code held} columns of {@code old}. */
    private NDArray grow(NDArray old, NDArray fresh, long capacity, long held) {
      Shape s = fresh.getShape();
      // uninitialised: only columns already written are ever read
      NDArray bigger =
          manager.create(new Shape(s.get(0), s.get(1), capacity, s.get(3)), fresh.getDataType());
      if (old != null) {
        try (NDArray kept = columns(old, held, (PtNDManager) manager)) {
          Shape k = kept.getShape();
          JniUtils.indexSet((PtNDArray) bigger, (PtNDArray) kept, new long[4],
              new long[] {k.get(0), k.get(1), held, k.get(3)}, ONES);
        }
        old.close();
      }
      return bigger;
    }

    /** A view of the first {@code n} columns of {@code buffer}, owned by {@code owner}. */
    private NDArray columns(NDArray buffer, long n, PtNDManager owner) {
      Shape s = buffer.getShape();
      return JniUtils.index((PtNDArray) buffer, new long[4],
          new long[] {s.get(0), s.get(1), n, s.get(3)}, ONES, owner);
    }
  }
}
