package io.tether.learner;

import io.tether.core.config.CriticInit;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;

/** Builds the critic: a separate transformer with a per-token value head. */
public final class Critics {
  private Critics() {}

  /**
   * A value model with the policy's shape, its weights copied from the reward model (trunk and
   * scalar head: the value head starts out predicting the sequence reward at every prefix) or from
   * the policy (trunk only; the head starts from {@code seed}).
   *
   * @param rewardModel required for {@link CriticInit#REWARD_MODEL}; must have the policy's trunk
   *     shape
   */
  public static GptModel create(CriticInit init, GptModel policy, GptModel rewardModel, long seed) {
    GptModel critic = GptModel.create(policy.spec().withHead(HeadKind.VALUE), seed, policy.dtype(),
        policy.device());
    try {
      switch (init) {
        case POLICY -> critic.parameters().copyFrom(policy.parameters(), n -> !n.startsWith("head."));
        case REWARD_MODEL -> copyRewardModel(critic, rewardModel);
      }
      return critic;
    } catch (RuntimeException e) {
      critic.close();
      throw e;
    }
  }

  private static void copyRewardModel(GptModel critic, GptModel rewardModel) {
    if (rewardModel == null) {
      throw new IllegalArgumentException(
          "learner.critic_init is reward_model but no reward model was given");
    }
    if (!rewardModel.spec().withHead(HeadKind.VALUE).equals(critic.spec())) {
      throw new IllegalArgumentException("learner.critic_init is reward_model but the reward model ("
          + rewardModel.spec() + ") does not have the policy's shape (" + critic.spec() + ")");
    }
    critic.parameters().copyFrom(rewardModel.parameters(), n -> true);
  }
}
