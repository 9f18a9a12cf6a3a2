package io.tether.core.config;

/**
 * How a refreshed reward model's normalisation is fitted ({@code reward.refresh_scale}); the
 * YAML value is the lower-case name. Both fit it on the current policy's samples.
 */
public enum RefreshScale {
  /**
   * The new model's scores on the current policy's samples get the mean and standard deviation
   * the previous model gave those samples: the reward the learner sees does not jump at a refresh
   * (its critic stays calibrated), and scores stay on one scale across reward versions.
   */
  CONTINUE,
  /** Mean 0 and standard deviation 1 on the current policy's samples, as the first model. */
  RESET
}
