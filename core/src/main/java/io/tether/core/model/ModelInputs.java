package io.tether.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The arrays one forward pass reads.
 *
 * @param tokens (B, Tq) int64 token ids
 * @param positions (B, Tq) int64 position ids
 * @param bias (B, 1, Tq, Tk) additive attention bias in the model's dtype
 */
public record ModelInputs(NDArray tokens, NDArray positions, NDArray bias) {

  /** Inputs for a full pass over {@code batch} (no cache), allocated in {@code manager}. */
  public static ModelInputs of(NDManager manager, TokenBatch batch, DataType dtype) {
    int b = batch.batchSize();
    int t = batch.length();
    float[] bias = AttentionMask.bias(batch.valid(), b, t, t);
    return of(manager, batch.tokens(), batch.positions(), bias, b, t, t, dtype);
  }

  /** Inputs from raw arrays: tokens/positions (B * Tq), bias (B * Tq * Tk). */
  public static ModelInputs of(
      NDManager manager,
      long[] tokens,
      long[] positions,
      float[] bias,
      int b,
      int tq,
      int tk,
      DataType dtype) {
    NDArray tok = manager.create(tokens, new Shape(b, tq));
    NDArray pos = manager.create(positions, new Shape(b, tq));
    NDArray mask = manager.create(bias, new Shape(b, 1, tq, tk));
    if (dtype != DataType.FLOAT32) {
      mask = mask.toType(dtype, false);
    }
    return new ModelInputs(tok, pos, mask);
  }
}
