package io.tether.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.config.RewardPooling;
import io.tether.core.config.RewardTrainConfig;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.LlamaShape;
import io.tether.core.model.MlpActivation;
import io.tether.core.model.ModelSpec;
import io.tether.core.time.Ticker;
import io.tether.core.tokenizer.ByteTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A Llama-family reward model (grouped-query attention) trains with the Bradley-Terry loss, and
 * the same seed gives the same losses, bit for bit, each time: with the scalar-exponent pow that
 * the RMSNorm first used, the first training of a JVM came out NaN or different one run in three
 * (this test, run alone, saw it).
 */
class LlamaRewardTrainingTest {
  @Test
  void trainsAndIsExactlyRepeatable() {
    ByteTokenizer tok = new ByteTokenizer();
    ModelSpec spec = new ModelSpec(tok.vocabSize(), 2, 4, 32, 128, HeadKind.REWARD,
        MlpActivation.SILU, 1e-5, new LlamaShape(2, 8, 48, 10000, null, false, false, false));
    Random r = new Random(1);
    List<PreferencePair> pairs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      pairs.add(new PreferencePair("good " + "x".repeat(r.nextInt(20)),
          "bad " + "y".repeat(r.nextInt(20))));
    }
    double[] last = new double[3];
    for (int rep = 0; rep < last.length; rep++) {
      try (RewardModel rm = new RewardModel(GptModel.create(spec, 7), tok.pad())) {
        RewardTrainer.Result res = new RewardTrainer(rm, tok).train(pairs, pairs.subList(0, 6),
            new RewardTrainConfig(60, 16, 3e-4, 60, 1.0, RewardPooling.LAST, 1.0, 4, 0), 3, s -> { },
            Ticker.SYSTEM);
        assertTrue(res.lastLoss() < res.firstLoss() - 0.2, res.toString());
        last[rep] = res.lastLoss();
      }
    }
    assertEquals(last[0], last[1], 0.0);
    assertEquals(last[0], last[2], 0.0);
  }
}
