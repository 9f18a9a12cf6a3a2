package io.tether.core.config;

/**
 * The {@code learner} section: where PPO runs and how.
 *
 * @param device where the updates run
 * @param criticInit which weights the critic starts from
 * @param ppo the PPO update
 * @param kl the KL penalty and its controller
 * @param optimizer the optimizer
 */
public record LearnerConfig(
    LearnerDevice device,
    CriticInit criticInit,
    PpoConfig ppo,
    KlConfig kl,
    OptimizerConfig optimizer) {

  /** Validates every field; see the class description for the rules. */
  public LearnerConfig {
    Check.present("learner.device", device);
    Check.present("learner.critic_init", criticInit);
    Check.present("learner.ppo", ppo);
    Check.present("learner.kl", kl);
    Check.present("learner.optimizer", optimizer);
  }

  /** Auto device, critic from the reward model, default PPO, KL and optimizer sections. */
  public static LearnerConfig defaults() {
    return new LearnerConfig(
        LearnerDevice.AUTO,
        CriticInit.REWARD_MODEL,
        PpoConfig.defaults(),
        KlConfig.defaults(),
        OptimizerConfig.defaults());
  }
}
