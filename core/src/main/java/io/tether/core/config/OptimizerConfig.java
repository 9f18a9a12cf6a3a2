package io.tether.core.config;

/**
 * The {@code learner.optimizer} section: AdamW for the PPO policy and critic updates.
 *
 * @param lr peak learning rate, > 0
 * @param weightDecay decoupled weight decay, >= 0
 * @param beta1 first-moment decay, in [0, 1)
 * @param beta2 second-moment decay, in [0, 1)
 * @param eps denominator epsilon, > 0
 * @param warmupSteps optimizer steps of linear warm-up from 0
 * @param schedule learning-rate schedule after warm-up
 */
public record OptimizerConfig(
    double lr,
    double weightDecay,
    double beta1,
    double beta2,
    double eps,
    int warmupSteps,
    LrSchedule schedule) {

  /** Validates every field; see the class description for the rules. */
  public OptimizerConfig {
    Check.positive("learner.optimizer.lr", lr);
    Check.nonNegative("learner.optimizer.weight_decay", weightDecay);
    Check.unitBelowOne("learner.optimizer.beta1", beta1);
    Check.unitBelowOne("learner.optimizer.beta2", beta2);
    Check.positive("learner.optimizer.eps", eps);
    Check.atLeast("learner.optimizer.warmup_steps", warmupSteps, 0);
    Check.present("learner.optimizer.schedule", schedule);
  }

  /** lr 1e-5, no weight decay, betas (0.9, 0.95), eps 1e-8, no warm-up, constant. */
  public static OptimizerConfig defaults() {
    return new OptimizerConfig(1e-5, 0.0, 0.9, 0.95, 1e-8, 0, LrSchedule.CONSTANT);
  }
}
