package io.tether.core.testing;

/** Plain double-precision formulas that tests compare the engine's results with. */
public final class ReferenceMath {
  private ReferenceMath() {}

  /** {@code log softmax(logits / temperature)[i]}, computed stably in double. */
  public static double logSoftmax(float[] logits, double temperature, int i) {
    double max = Double.NEGATIVE_INFINITY;
    for (float x : logits) {
      max = Math.max(max, x / temperature);
    }
    double sum = 0;
    for (float x : logits) {
      sum += Math.exp(x / temperature - max);
    }
    return logits[i] / temperature - max - Math.log(sum);
  }
}
