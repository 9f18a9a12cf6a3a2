package io.tether.core.config;

/**
 * The {@code learner} section: where PPO runs and how.
 *
 * @param device where the updates run
 * @param criticInit which weights the critic starts from (with {@code gae} only)
 * @param advantage the advantage estimator; {@code grpo} and {@code rloo} have no critic and need
 *     {@code rollout.samples_per_prompt} >= 2
 * @param groupStd {@code grpo}: divide by the group's standard deviation (false: Dr. GRPO)
 * @param ppo the PPO update
 * @param kl the KL penalty and its controller
 * @param optimizer the optimizer
 */
public record LearnerConfig(
    LearnerDevice device,
    CriticInit criticInit,
    AdvantageKind advantage,
    boolean groupStd,
    PpoConfig ppo,
    KlConfig kl,
    OptimizerConfig optimizer) {

  /** Validates every field; see the class description for the rules. */
  public LearnerConfig {
    Check.present("learner.device", device);
    Check.present("learner.critic_init", criticInit);
    Check.present("learner.advantage", advantage);
    Check.present("learner.ppo", ppo);
    Check.present("learner.kl", kl);
    Check.present("learner.optimizer", optimizer);
  }

  /**
   * Auto device, GAE with a critic from the reward model, default PPO, KL and optimizer
   * sections.
   */
  public static LearnerConfig defaults() {
    return new LearnerConfig(
        LearnerDevice.AUTO,
        CriticInit.REWARD_MODEL,
        AdvantageKind.GAE,
        true,
        PpoConfig.defaults(),
        KlConfig.defaults(),
        OptimizerConfig.defaults());
  }

  /** This section with another advantage estimator. */
  public LearnerConfig withAdvantage(AdvantageKind kind) {
    return new LearnerConfig(device, criticInit, kind, groupStd, ppo, kl, optimizer);
  }

  /** This section with another KL section. */
  public LearnerConfig withKl(KlConfig section) {
    return new LearnerConfig(device, criticInit, advantage, groupStd, ppo, section, optimizer);
  }
}
