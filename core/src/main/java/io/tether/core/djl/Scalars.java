package io.tether.core.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Natively allocated constants.
 *
 * <p>In DJL 0.35.1 an op with a plain Java number operand ({@code x.mul(3f)}) builds a temporary
 * tensor over a Java buffer that autograd keeps pointing at; after a GC the backward pass reads
 * garbage. Inside a {@code GradientCollector} every constant must come from here, allocated in a
 * manager that stays open until after {@code backward}.
 */
public final class Scalars {
  private Scalars() {}

  /** A 0-d array holding {@code value} in native memory owned by {@code manager}. */
  public static NDArray of(NDManager manager, double value, DataType dtype) {
    if (dtype == DataType.FLOAT64) {
      return owned(manager.create(value).reshape(new Shape()));
    }
    return manager.full(new Shape(), (float) value, dtype);
  }

  /**
   * A copy of {@code javaBacked} in memory owned by the engine; the original is closed. Use it for
   * arrays made from Java arrays or buffers that autograd may hold on to.
   */
  public static NDArray owned(NDArray javaBacked) {
    NDArray copy = javaBacked.duplicate();
    javaBacked.close();
    return copy;
  }
}
