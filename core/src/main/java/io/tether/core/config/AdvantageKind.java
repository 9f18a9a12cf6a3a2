package io.tether.core.config;

/**
 * How the learner turns scores into advantages ({@code learner.advantage}).
 *
 * <p>The YAML value is the lower-case name.
 */
public enum AdvantageKind {
  /** GAE with a learned critic (PPO as in Ouyang et al. 2022): today's default. */
  GAE,
  /**
   * Group-relative (Shao et al. 2024): each sample's score minus the mean of its prompt's group,
   * divided by the group's standard deviation unless {@code learner.group_std} is false (Dr. GRPO,
   * Liu et al. 2025). No critic.
   */
  GRPO,
  /**
   * Leave-one-out (Ahmadian et al. 2024): each sample's score minus the mean of the other
   * samples of its prompt. No critic.
   */
  RLOO;

  /** Whether this estimator needs a value model. */
  public boolean usesCritic() {
    return this == GAE;
  }
}
