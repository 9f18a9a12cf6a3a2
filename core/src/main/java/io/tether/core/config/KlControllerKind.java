package io.tether.core.config;

/**
 * How the KL coefficient beta evolves during training.
 *
 * <p>The YAML value is the lower-case name.
 */
public enum KlControllerKind {
  /** beta stays at {@code learner.kl.init_coef}. */
  FIXED,
  /**
   * beta moves toward {@code learner.kl.target} with time constant {@code learner.kl.horizon}
   * samples (Ziegler et al. 2019).
   */
  ADAPTIVE
}
