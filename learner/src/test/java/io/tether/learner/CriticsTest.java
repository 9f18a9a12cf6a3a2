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
    ScoreNormalization norm = new ScoreNormalization(0.37, 0.045);
    List<int[]> seqs = List.of(new int[] {256, 72, 105, 33, 10}, new int[] {256, 97, 98});
    try (GptModel policy = GptModel.create(SPEC, 1);
        GptModel rm = GptModel.create(SPEC.withHead(HeadKind.REWARD), 2);
        GptModel critic = Critics.create(CriticInit.REWARD_MODEL, policy, rm, norm, 3);
        NDManager m = NDManager.newBaseManager()) {
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
  void aRewardModelOfAnotherShapeIsRefused() {
    try (GptModel policy = GptModel.create(SPEC, 1);
        GptModel rm = GptModel.create(new ModelSpec(259, 1, 2, 64, 128, HeadKind.REWARD), 2)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Critics.create(CriticInit.REWARD_MODEL, policy, rm, ScoreNormalization.identity(), 3));
      assertTrue(e.getMessage().startsWith("learner.critic_init is reward_model but the reward"
          + " model (ModelSpec[vocabSize=259, nLayer=1"), e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> Critics.create(CriticInit.REWARD_MODEL, policy, null, null, 3));
    }
  }
}
