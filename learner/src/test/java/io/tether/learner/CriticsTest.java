package io.tether.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.config.CriticInit;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import org.junit.jupiter.api.Test;

class CriticsTest {
  private static final ModelSpec SPEC = ModelSpec.of(ModelPreset.TINY, 259, HeadKind.LM);

  @Test
  void fromTheRewardModelCopiesTrunkAndHead() {
    try (GptModel policy = GptModel.create(SPEC, 1);
        GptModel rm = GptModel.create(SPEC.withHead(HeadKind.REWARD), 2);
        GptModel critic = Critics.create(CriticInit.REWARD_MODEL, policy, rm, 3)) {
      assertEquals(HeadKind.VALUE, critic.spec().head());
      assertArrayEquals(rm.parameters().get("head.weight").toFloatArray(),
          critic.parameters().get("head.weight").toFloatArray());
      assertArrayEquals(rm.parameters().get("layers.0.attn.qkv.weight").toFloatArray(),
          critic.parameters().get("layers.0.attn.qkv.weight").toFloatArray());
    }
  }

  @Test
  void fromThePolicyCopiesTheTrunkOnly() {
    try (GptModel policy = GptModel.create(SPEC, 1);
        GptModel critic = Critics.create(CriticInit.POLICY, policy, null, 3);
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
          () -> Critics.create(CriticInit.REWARD_MODEL, policy, rm, 3));
      assertTrue(e.getMessage().startsWith("learner.critic_init is reward_model but the reward"
          + " model (ModelSpec[vocabSize=259, nLayer=1"), e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> Critics.create(CriticInit.REWARD_MODEL, policy, null, 3));
    }
  }
}
