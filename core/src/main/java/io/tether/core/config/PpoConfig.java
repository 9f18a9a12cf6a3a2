package io.tether.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code learner.ppo} section: the PPO update.
 *
 * @param epochs passes over each iteration's rollouts
 * @param minibatchSize sequences per gradient step
 * @param gradAccumSteps micro-batches accumulated per gradient step
 * @param clipRange policy ratio clip epsilon, in (0, 1)
 * @param valueClip value prediction clip around the old values, > 0
 * @param gamma discount, in [0, 1]
 * @param gaeLambda GAE lambda, in [0, 1]; the YAML key is {@code lambda}
 * @param vfCoef weight of the value loss
 * @param entCoef weight of the entropy bonus
 * @param maxGradNorm global gradient norm clip
 * @param whitenAdvantages whiten advantages to mean 0, std 1 over all real response tokens of the
 *     iteration's batch, once before the epochs (as TRL and OpenRLHF; not per minibatch)
 */
public record PpoConfig(
    int epochs,
    int minibatchSize,
    int gradAccumSteps,
    double clipRange,
    double valueClip,
    double gamma,
    @JsonProperty("lambda") double gaeLambda,
    double vfCoef,
    double entCoef,
    double maxGradNorm,
    boolean whitenAdvantages) {

  /** Validates every field; see the class description for the rules. */
  public PpoConfig {
    Check.atLeast("learner.ppo.epochs", epochs, 1);
    Check.atLeast("learner.ppo.minibatch_size", minibatchSize, 1);
    Check.atLeast("learner.ppo.grad_accum_steps", gradAccumSteps, 1);
    Check.openUnit("learner.ppo.clip_range", clipRange);
    Check.positive("learner.ppo.value_clip", valueClip);
    Check.closedUnit("learner.ppo.gamma", gamma);
    Check.closedUnit("learner.ppo.lambda", gaeLambda);
    Check.nonNegative("learner.ppo.vf_coef", vfCoef);
    Check.nonNegative("learner.ppo.ent_coef", entCoef);
    Check.positive("learner.ppo.max_grad_norm", maxGradNorm);
  }

  /** 4 epochs of minibatches of 16, clip 0.2/0.2, gamma 1, lambda 0.95, vf_coef 0.1. */
  public static PpoConfig defaults() {
    return new PpoConfig(4, 16, 1, 0.2, 0.2, 1.0, 0.95, 0.1, 0.0, 1.0, true);
  }
}
