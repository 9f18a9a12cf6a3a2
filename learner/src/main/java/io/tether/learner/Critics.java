package io.tether.learner;

import ai.djl.ndarray.NDArray;
import io.tether.core.config.CriticInit;
import io.tether.core.djl.GradMode;
import io.tether.core.djl.NdArrays;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelSpec;
import io.tether.core.model.ScoreNormalization;

/** Builds the critic: a separate transformer with a per-token value head. */
public final class Critics {
  private Critics() {}

  /**
   * A value model with the policy's shape and weights (trunk only; the head starts from {@code
   * seed}), or with the reward model's shape and weights (trunk and scalar head, with the reward
   * model's score normalisation folded into the head: at every prefix the value head starts out
   * predicting the normalised score the learner receives). A reward model kept to fewer blocks
   * than the policy ({@code reward.train.layers}) gives a critic of as few.
   *
   * @param rewardModel required for {@link CriticInit#REWARD_MODEL}; must read the policy's token
   *     ids (same vocabulary) over at least the policy's context
   * @param normalization the reward model's {@code (raw - shift) / scale}; used with {@code
   *     rewardModel} only
   */
  public static GptModel create(CriticInit init, GptModel policy, GptModel rewardModel,
      ScoreNormalization normalization, long seed) {
    if (init == CriticInit.REWARD_MODEL) {
      requireReadable(policy, rewardModel);
    }
    ModelSpec shape = init == CriticInit.REWARD_MODEL ? rewardModel.spec() : policy.spec();
    GptModel critic = GptModel.create(shape.withHead(HeadKind.VALUE), seed, policy.dtype(),
        policy.device());
    try {
      switch (init) {
        case POLICY -> critic.parameters().copyFrom(policy.parameters(), n -> !n.startsWith("head."));
        case REWARD_MODEL -> {
          critic.parameters().copyFrom(rewardModel.parameters(), n -> true);
          foldNormalization(critic, normalization);
        }
      }
      return critic;
    } catch (RuntimeException e) {
      critic.close();
      throw e;
    }
  }

  private static void requireReadable(GptModel policy, GptModel rewardModel) {
    if (rewardModel == null) {
      throw new IllegalArgumentException(
          "learner.critic_init is reward_model but no reward model was given");
    }
    ModelSpec r = rewardModel.spec();
    ModelSpec p = policy.spec();
    if (r.vocabSize() != p.vocabSize() || r.contextLength() < p.contextLength()) {
      throw new IllegalArgumentException("learner.critic_init is reward_model but the reward model"
          + " (vocabulary " + r.vocabSize() + ", context " + r.contextLength() + ") cannot read"
          + " the policy's sequences (vocabulary " + p.vocabSize() + ", context "
          + p.contextLength() + ")");
    }
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
