package io.tether.core.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Small array utilities that the PyTorch engine needs done a particular way. */
public final class NdArrays {
  private NdArrays() {}

  /**
   * Copies {@code value} into {@code target} in place (same shape), with autograd off, so that a
   * parameter keeps its identity (optimizer state and references stay valid).
   */
  public static void assign(NDArray target, NDArray value) {
    try (GradMode g = GradMode.off();
        NDArray cast = value.toType(target.getDataType(), true)) {
      target.set(new NDIndex("..."), cast);
    }
  }

  /** An engine-owned array from native-order bytes. */
  public static NDArray fromBytes(NDManager manager, byte[] bytes, Shape shape, DataType dtype) {
    ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
    buf.put(bytes).rewind();
    return Scalars.owned(manager.create(buf, shape, dtype));
  }
}
