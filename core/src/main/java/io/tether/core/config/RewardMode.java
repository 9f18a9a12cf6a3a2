package io.tether.core.config;

/**
 * Where the reward model runs.
 *
 * <p>The YAML value is the lower-case name.
 */
public enum RewardMode {
  /** Inside each rollout task, loaded from {@code reward.checkpoint}. */
  EMBEDDED,
  /** In the reward service, reached over Arrow Flight at {@code reward.host:reward.port}. */
  REMOTE,
  /**
   * No reward model: the score is the weighted sum of {@code reward.rules}, computed inside each
   * rollout task. Nothing is trained or read for the reward.
   */
  RULE;

  /** Whether this mode scores with a reward model. */
  public boolean usesModel() {
    return this != RULE;
  }
}
