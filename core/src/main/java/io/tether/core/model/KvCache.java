package io.tether.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of every layer for the columns generated so far, shaped (B, H, T, Dh). The
 * arrays live in the cache's own manager so that per-step temporaries can be freed each step.
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final Layer[] layers;

  /** A cache for {@code nLayer} layers whose arrays are owned by a sub-manager of {@code parent}. */
  public KvCache(NDManager parent, int nLayer) {
    this.manager = parent.newSubManager();
    this.layers = new Layer[nLayer];
    for (int i = 0; i < nLayer; i++) {
      layers[i] = new Layer();
    }
  }

  Layer layer(int i) {
    return layers[i];
  }

  /** Number of key columns held (0 before the first pass). */
  public long length() {
    return layers[0].keys == null ? 0 : layers[0].keys.getShape().get(2);
  }

  @Override
  public void close() {
    manager.close();
  }

  /** One layer's cached keys and values. */
  final class Layer {
    private NDArray keys;
    private NDArray values;

    NDArray appendKeys(NDArray k) {
      keys = append(keys, k);
      return keys;
    }

    NDArray appendValues(NDArray v) {
      values = append(values, v);
      return values;
    }

    private NDArray append(NDArray old, NDArray fresh) {
      NDArray joined = old == null ? fresh.duplicate() : old.concat(fresh, 2);
      joined.attach(manager);
      if (old != null) {
        old.close();
      }
      return joined;
    }
  }
}
