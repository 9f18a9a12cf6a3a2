package io.tether.core.config;

/**
 * Where the KL penalty toward the reference policy acts ({@code learner.kl.in}).
 *
 * <p>The YAML value is the lower-case name.
 */
public enum KlPlacement {
  /** In the reward: {@code r_t = -beta * KL_t}, plus the score on the last token. */
  REWARD,
  /**
   * As a loss term: {@code beta * mean_t k3_t} of the current policy against the reference, added
   * to the policy loss (GRPO's form); the reward is then the score alone.
   */
  LOSS
}
