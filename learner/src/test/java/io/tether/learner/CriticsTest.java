package io.tether.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.tether.core.config.CriticInit;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelInputs;
import io.tether.core.model.ModelSpec;
import io.tether.core.model.ScoreNormalization;
import io.tether.core.model.TokenBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriticsTest {
  private static final ModelSpec SPEC = ModelSpec.of(ModelPreset.TINY, 259, HeadKind.LM);

  @Test
  void fromTheRewardModelPredictsItsNormalisedScoreAtEveryPosition() {
    try (GptModel critic = criticMatchesRewardModel(SPEC.withHead(HeadKind.REWARD))) {
      assertEquals(SPEC.withHead(HeadKind.VALUE), critic.spec());
    }
  }

  @Test
  void fromARewardModelOfFewerBlocksTheCriticHasItsShape() {
    // reward.train.layers 1 under a 2-block policy: the critic is the reward model's 1 block
    try (GptModel critic = criticMatchesRewardModel(SPEC.withLayers(1).withHead(
        HeadKind.REWARD_SUM))) {
      assertEquals(1, critic.spec().nLayer());
      assertEquals(SPEC.withLayers(1).withHead(HeadKind.VALUE), critic.spec());
      assertTrue(critic.parameters().asMap().keySet().stream()
          .noneMatch(n -> n.startsWith("layers.1.")), "no second block");
    }
  }

  /** The critic made from a reward model of {@code rmSpec}, its values checked everywhere. */
  private static GptModel criticMatchesRewardModel(ModelSpec rmSpec) {
    ScoreNormalization norm = new ScoreNormalization(0.37, 0.045);
    List<int[]> seqs = List.of(new int[] {256, 72, 105, 33, 10}, new int[] {256, 97, 98});
    GptModel critic = null;
    try (GptModel policy = GptModel.create(SPEC, 1);
        GptModel rm = GptModel.create(rmSpec, 2);
        NDManager m = NDManager.newBaseManager()) {
      critic = Critics.create(CriticInit.REWARD_MODEL, policy, rm, norm, 3);
      assertEquals(HeadKind.VALUE, critic.spec().head());
      TokenBatch batch = TokenBatch.rightPadded(seqs, 258);
      float[] raw = rm.values(rm.hidden(ModelInputs.of(m, batch, DataType.FLOAT32)))
          .toFloatArray();
      float[] values = critic.values(critic.hidden(ModelInputs.of(m, batch, DataType.FLOAT32)))
          .toFloatArray();
      int width = batch.length();
      for (int r = 0; r < seqs.size(); r++) {
        for (int t = 0; t < seqs.get(r).length; t++) {
          int i = r * width + t;
          double expected = (raw[i] - 0.37) / 0.045;
          assertEquals(expected, values[i], 1e-4 * Math.max(1, Math.abs(expected)),
              "row " + r + " position " + t);
        }
      }
      assertArrayEquals(rm.parameters().get("layers.0.attn.qkv.weight").toFloatArray(),
          critic.parameters().get("layers.0.attn.qkv.weight").toFloatArray());
      return critic;
    } catch (RuntimeException | AssertionError e) {
      if (critic != null) {
        critic.close();
      }
      throw e;
    }
  }

  @Test
  void fromThePolicyCopiesTheTrunkOnly() {
    try (GptModel policy = GptModel.create(SPEC, 1);
        GptModel critic = Critics.create(CriticInit.POLICY, policy, null, null, 3);
        GptModel fresh = GptModel.create(SPEC.withHead(HeadKind.VALUE), 3)) {
      assertArrayEquals(policy.parameters().get("wte").toFloatArray(),
          critic.parameters().get("wte").toFloatArray());
      assertArrayEquals(fresh.parameters().get("head.weight").toFloatArray(),
          critic.parameters().get("head.weight").toFloatArray());
    }
  }

  @Test
  void aRewardModelThatCannotReadThePolicysSequencesIsRefused() {
    try (GptModel policy = GptModel.create(SPEC, 1);
        GptModel otherVocab = GptModel.create(new ModelSpec(300, 2, 2, 64, 128, HeadKind.REWARD),
            2);
        GptModel shortContext = GptModel.create(new ModelSpec(259, 2, 2, 64, 64, HeadKind.REWARD),
            2)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Critics.create(CriticInit.REWARD_MODEL, policy, otherVocab,
              ScoreNormalization.identity(), 3));
      assertEquals("learner.critic_init is reward_model but the reward model (vocabulary 300,"
          + " context 128) cannot read the policy's sequences (vocabulary 259, context 128)",
          e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> Critics.create(
          CriticInit.REWARD_MODEL, policy, shortContext, ScoreNormalization.identity(), 3));
      assertTrue(e.getMessage().contains("(vocabulary 259, context 64) cannot read"),
          e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> Critics.create(CriticInit.REWARD_MODEL, policy, null, null, 3));
    }
  }
}
