package io.tether.learner;

import ai.djl.ndarray.NDArray;
import io.tether.core.config.CriticInit;
import io.tether.core.djl.GradMode;
import io.tether.core.djl.NdArrays;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ScoreNormalization;

/** Builds the critic: a separate transformer with a per-token value head. */
public final class Critics {
  private Critics() {}

  /**
   * A value model with the policy's shape, its weights copied from the reward model (trunk and
   * scalar head, with the reward model's score normalisation folded into the head: at every
   * prefix the value head starts out predicting the normalised score the learner receives) or
   * from the policy (trunk only; the head starts from {@code seed}).
   *
   * @param rewardModel required for {@link CriticInit#REWARD_MODEL}; must have the policy's trunk
   *     shape
   * @param normalization the reward model's {@code (raw - shift) / scale}; used with {@code
   *     rewardModel} only
   */
  public static GptModel create(CriticInit init, GptModel policy, GptModel rewardModel,
      ScoreNormalization normalization, long seed) {
    GptModel critic = GptModel.create(policy.spec().withHead(HeadKind.VALUE), seed, policy.dtype(),
        policy.device());
    try {
      switch (init) {
        case POLICY -> critic.parameters().copyFrom(policy.parameters(), n -> !n.startsWith("head."));
        case REWARD_MODEL -> copyRewardModel(critic, rewardModel, normalization);
      }
      return critic;
    } catch (RuntimeException e) {
      critic.close();
      throw e;
    }
  }

  private static void copyRewardModel(GptModel critic, GptModel rewardModel,
      ScoreNormalization normalization) {
    if (rewardModel == null) {
      throw new IllegalArgumentException(
          "learner.critic_init is reward_model but no reward model was given");
    }
    if (!rewardModel.spec().withHead(HeadKind.VALUE).equals(critic.spec())) {
      throw new IllegalArgumentException("learner.critic_init is reward_model but the reward model ("
          + rewardModel.spec() + ") does not have the policy's shape (" + critic.spec() + ")");
    }
    critic.parameters().copyFrom(rewardModel.parameters(), n -> true);
    foldNormalization(critic, normalization);
  }

  /** head (w, b) becomes (w / scale, (b - shift) / scale): the head's output, normalised. */
  private static void foldNormalization(GptModel critic, ScoreNormalization n) {
    NDArray w = critic.parameters().get("head.weight");
    NDArray b = critic.parameters().get("head.bias");
    try (GradMode g = GradMode.off();
        NDArray w2 = w.toType(ai.djl.ndarray.types.DataType.FLOAT64, true).div(n.scale());
        NDArray b2 = b.toType(ai.djl.ndarray.types.DataType.FLOAT64, true).sub(n.shift())
            .div(n.scale())) {
      NdArrays.assign(w, w2);
      NdArrays.assign(b, b2);
    }
  }
}
