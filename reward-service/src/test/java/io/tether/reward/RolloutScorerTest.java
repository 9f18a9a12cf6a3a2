package io.tether.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.tokenizer.ByteTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Reward-model training, the normalisation pass and the rollout scorer read a text the same way:
 * BOS + text, scored at its last token, never at the EOS that ends a finished response.
 */
class RolloutScorerTest {
  private static final ByteTokenizer TOK = new ByteTokenizer();

  private static RewardModel model(long seed) {
    return new RewardModel(GptModel.create(
        ModelSpec.of(ModelPreset.TINY, TOK.vocabSize(), HeadKind.REWARD), seed), TOK.pad());
  }

  /** A rollout of {@code text} split after {@code cut} characters, ended by EOS when finished. */
  private static Rollout rollout(long id, String text, int cut, boolean finished) {
    int[] body = TOK.encode(text.substring(cut));
    int[] response = finished ? Arrays.copyOf(body, body.length + 1) : body;
    if (finished) {
      response[body.length] = TOK.eos();
    }
    int[] prompt = new int[cut + 1];
    prompt[0] = TOK.bos();
    System.arraycopy(TOK.encode(text.substring(0, cut)), 0, prompt, 1, cut);
    float[] lp = new float[response.length];
    return new Rollout(id, prompt, 0, 0, response, lp, lp.clone(), finished);
  }

  @Test
  void aTextScoresTheSameInTrainingNormalisationAndTheScorerFinishedOrCut() {
    String text = "I enjoyed reading this book very much.";
    try (RewardModel rm = model(3)) {
      RewardTrainer trainer = new RewardTrainer(rm, TOK);
      Rollout finished = rollout(0, text, 9, true);
      Rollout cut = rollout(1, text, 9, false);
      int[] trained = trainer.tokens(text);
      assertArrayEquals(trained, RolloutScorer.scoredSequence(finished, TOK.eos()));
      assertArrayEquals(trained, RolloutScorer.scoredSequence(cut, TOK.eos()));
      rm.normalizeTo(new float[] {-1.5f, 0.25f, 2f});
      float trainingTime = rm.scores(List.of(trained), 4)[0];
      List<ScoredRollout> scored =
          new RolloutScorer(rm, null, TOK, 4, 0, 0).score(List.of(finished, cut));
      assertEquals(trainingTime, scored.get(0).score(), 1e-6);
      assertEquals(trainingTime, scored.get(1).score(), 1e-6);
      // the penalty for a cut response is the only difference finishing makes
      scored = new RolloutScorer(rm, null, TOK, 4, 0, 0.5).score(List.of(finished, cut));
      assertEquals(0.5, scored.get(0).score() - scored.get(1).score(), 1e-6);
    }
  }

  @Test
  void normalisedScoresOfTheSamplesItWasFittedOnHaveMeanZeroAndStdOne() {
    SplittableRandom r = new SplittableRandom(17);
    List<Rollout> samples = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      StringBuilder s = new StringBuilder();
      for (int c = 0; c < 6 + r.nextInt(20); c++) {
        s.append((char) ('a' + r.nextInt(26)));
      }
      samples.add(rollout(i, s.toString(), 3, r.nextInt(3) > 0));
    }
    try (RewardModel rm = model(4)) {
      RolloutScorer.normalizeOn(rm, samples, TOK.eos(), 8);
      List<ScoredRollout> scored = new RolloutScorer(rm, null, TOK, 8, 0, 0).score(samples);
      double mean = 0;
      for (ScoredRollout s : scored) {
        mean += s.score() / (double) scored.size();
      }
      double var = 0;
      for (ScoredRollout s : scored) {
        var += (s.score() - mean) * (s.score() - mean) / scored.size();
      }
      assertEquals(0, mean, 1e-5);
      assertEquals(1, Math.sqrt(var), 1e-4);
    }
  }
}
