package io.tether.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** Gradient bookkeeping over a {@link ParameterSet}. */
public final class Gradients {
  private Gradients() {}

  /**
   * Sets every parameter's gradient to zero. The PyTorch engine accumulates gradients across
   * collector scopes, so each optimisation step starts with this.
   */
  public static void zero(ParameterSet params) {
    for (NDArray a : params.arrays()) {
      if (a.hasGradient()) {
        JniUtils.zeroGrad((PtNDArray) a);
      }
    }
  }

  /** The L2 norm of all gradients together (NaN or infinite when any gradient is). */
  public static double globalNorm(ParameterSet params) {
    double sum = 0;
    for (NDArray a : params.arrays()) {
      if (!a.hasGradient()) {
        continue;
      }
      // every array closed here: an operation's result belongs to its input's manager (the
      // model's, for a gradient), so an unclosed square would live as long as the model
      try (NDArray g = a.getGradient();
          NDArray squares = g.square();
          NDArray sq = squares.sum();
          NDArray wide = sq.toType(ai.djl.ndarray.types.DataType.FLOAT64, false)) {
        sum += wide.getDouble();
      }
    }
    return Math.sqrt(sum);
  }
}
