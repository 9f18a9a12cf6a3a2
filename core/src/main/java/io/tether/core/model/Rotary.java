package io.tether.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Rotary position tables of a Llama-family model, computed in float32 as transformers does. */
final class Rotary {
  private Rotary() {}

  /**
   * cos and sin of {@code position * inverseFrequency}, each frequency used for both halves of a
   * head ([f0..fn, f0..fn]).
   *
   * @param positions (B, T) int64
   * @return {cos, sin}, each (B, 1, T, Dh) in {@code dtype}
   */
  static NDArray[] cosSin(NDArray positions, LlamaShape shape, DataType dtype) {
    double[] inv = shape.inverseFrequencies();
    float[] both = new float[inv.length * 2];
    for (int i = 0; i < inv.length; i++) {
      both[i] = (float) inv[i];
      both[i + inv.length] = (float) inv[i];
    }
    NDArray freqs = positions.getManager().create(both, new Shape(1, 1, both.length));
    NDArray angles = positions.toType(DataType.FLOAT32, false).expandDims(2).mul(freqs)
        .expandDims(1);
    return new NDArray[] {angles.cos().toType(dtype, false), angles.sin().toType(dtype, false)};
  }
}
