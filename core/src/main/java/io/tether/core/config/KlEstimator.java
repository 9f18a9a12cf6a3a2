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
  K3
}
