package io.tether.core.config;

/**
 * Per-token estimator of KL(pi || pi_ref) from sampled tokens, with r = log pi_ref - log pi.
 *
 * <p>The YAML value is the lower-case name.
 */
public enum KlEstimator {
  /** {@code -r}: unbiased, can be negative per token. */
  K1,
  /** {@code r^2 / 2}: biased, low variance, non-negative. */
  K2,
  /** {@code (exp(r) - 1) - r}: unbiased, non-negative. */
  K3;

  /** The estimate for one token with {@code d = log pi - log pi_ref} (so {@code r = -d}). */
  public double perToken(double d) {
    return switch (this) {
      case K1 -> d;
      case K2 -> d * d / 2;
      case K3 -> Math.exp(-d) - 1 + d;
    };
  }
}
