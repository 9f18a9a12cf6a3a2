package io.tether.core.model;

/**
 * Additive attention bias: 0 where a query may attend to a key, {@link #BLOCKED} where not.
 *
 * <p>Query column {@code q} (absolute column {@code queryOffset + q}) may attend to key column
 * {@code k} iff {@code k <= queryOffset + q} (causal) and key {@code k} is a real token. Rows that
 * are padding still see at least themselves blocked uniformly, which keeps softmax finite; their
 * outputs are never read. A finite large negative instead of -inf keeps fully blocked rows free of
 * NaN, and {@code exp(-1e9)} is exactly 0 in float32 and float64, so real rows are unaffected.
 */
public final class AttentionMask {
  /** The bias of a blocked (query, key) pair. */
  public static final float BLOCKED = -1e9f;

  private AttentionMask() {}

  /**
   * The bias, laid out (B, 1, Tq, Tk) row-major.
   *
   * @param keyValid (B * Tk) validity of every key column
   * @param batchSize B
   * @param queries Tq, the newest query columns
   * @param keys Tk, all key columns so far (cached ones included)
   */
  public static float[] bias(boolean[] keyValid, int batchSize, int queries, int keys) {
    if (keyValid.length != batchSize * keys || queries > keys) {
      throw new IllegalArgumentException(
          "keyValid must hold B x Tk entries and Tq <= Tk; got "
              + keyValid.length + " for B=" + batchSize + ", Tq=" + queries + ", Tk=" + keys);
    }
    int queryOffset = keys - queries;
    float[] bias = new float[batchSize * queries * keys];
    for (int b = 0; b < batchSize; b++) {
      for (int q = 0; q < queries; q++) {
        int base = (b * queries + q) * keys;
        for (int k = 0; k < keys; k++) {
          boolean allowed = k <= queryOffset + q && keyValid[b * keys + k];
          bias[base + k] = allowed ? 0f : BLOCKED;
        }
      }
    }
    return bias;
  }
}
