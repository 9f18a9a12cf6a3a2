package io.tether.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.tether.core.djl.Scalars;

/**
 * The constants the PPO losses need, allocated natively (see {@link Scalars}: a Java number
 * operand inside a gradient collector corrupts the backward pass in DJL 0.35.1). Lives in the
 * manager of one update and must stay open until after {@code backward}.
 *
 * @param one 1
 * @param half 0.5
 * @param epsilon variance floor for whitening (1e-8)
 * @param ratioLow 1 - clip_range
 * @param ratioHigh 1 + clip_range
 * @param valueLow -value_clip
 * @param valueHigh +value_clip
 */
public record PpoConstants(
    NDArray one,
    NDArray half,
    NDArray epsilon,
    NDArray ratioLow,
    NDArray ratioHigh,
    NDArray valueLow,
    NDArray valueHigh) {

  /** Constants for clip range {@code clipRange} and value clip {@code valueClip}. */
  public static PpoConstants of(NDManager m, DataType dtype, double clipRange, double valueClip) {
    return new PpoConstants(
        Scalars.of(m, 1.0, dtype),
        Scalars.of(m, 0.5, dtype),
        Scalars.of(m, 1e-8, dtype),
        Scalars.of(m, 1.0 - clipRange, dtype),
        Scalars.of(m, 1.0 + clipRange, dtype),
        Scalars.of(m, -valueClip, dtype),
        Scalars.of(m, valueClip, dtype));
  }
}
