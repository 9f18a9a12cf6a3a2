package io.tether.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.config.CriticInit;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelInputs;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.model.TokenBatch;
import io.tether.core.tokenizer.ByteTokenizer;
import io.tether.learner.Critics;
import io.tether.reward.RewardModel;
import io.tether.reward.RolloutScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A critic initialised from the reward model starts out predicting, at the position the reward
 * model reads, the normalised score the learner receives for that rollout: the run's reward model,
 * normalised on samples as a run does it, through the scorer of the rollout stage.
 */
class CriticFromRewardModelTest {
  private static final ByteTokenizer TOK = new ByteTokenizer();
  private static final ModelSpec LM = ModelSpec.of(ModelPreset.TINY, TOK.vocabSize(), HeadKind.LM);

  private static List<Rollout> rollouts(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Rollout> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] prompt = {TOK.bos(), 'a' + r.nextInt(26), 'a' + r.nextInt(26)};
      boolean finished = r.nextBoolean();
      int[] response = new int[2 + r.nextInt(9)];
      for (int t = 0; t < response.length; t++) {
        response[t] = 'a' + r.nextInt(26);
      }
      if (finished) {
        response[response.length - 1] = TOK.eos();
      }
      float[] lp = new float[response.length];
      out.add(new Rollout(i, prompt, 0, 0, response, lp, lp.clone(), finished));
    }
    return out;
  }

  @Test
  void theCriticsValueAtTheScoredPositionIsTheNormalisedScore() {
    List<Rollout> rows = rollouts(24, 5);
    try (GptModel policy = GptModel.create(LM, 1);
        RewardModel rm = new RewardModel(GptModel.create(LM.withHead(HeadKind.REWARD), 2),
            TOK.pad());
        NDManager m = NDManager.newBaseManager()) {
      RolloutScorer.normalizeOn(rm, rollouts(40, 6), TOK.eos(), 8);
      assertTrue(Math.abs(rm.normalization().shift()) > 1e-3, "a shift worth folding");
      List<ScoredRollout> scored = new RolloutScorer(rm, null, TOK, 8, 0, 0).score(rows);
      try (GptModel critic = Critics.create(CriticInit.REWARD_MODEL, policy, rm.model(),
          rm.normalization(), 3)) {
        List<int[]> full = new ArrayList<>();
        for (Rollout r : rows) {
          int[] s = new int[r.promptTokens().length + r.responseLength()];
          System.arraycopy(r.promptTokens(), 0, s, 0, r.promptTokens().length);
          System.arraycopy(r.responseTokens(), 0, s, r.promptTokens().length, r.responseLength());
          full.add(s);
        }
        TokenBatch batch = TokenBatch.rightPadded(full, TOK.pad());
        float[] values = critic.values(critic.hidden(ModelInputs.of(m, batch, DataType.FLOAT32)))
            .toFloatArray();
        for (int i = 0; i < rows.size(); i++) {
          int at = RolloutScorer.scoredSequence(rows.get(i), TOK.eos()).length - 1;
          assertEquals(scored.get(i).score(), values[i * batch.length() + at], 1e-5,
              "rollout " + i + " (finished " + rows.get(i).finished() + ")");
        }
      }
    }
  }
}
