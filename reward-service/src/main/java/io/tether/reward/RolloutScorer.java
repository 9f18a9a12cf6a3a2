package io.tether.reward;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The reward stage: scored rollouts out of rollouts in. The score is the reward model's
 * normalised score of prompt + response, minus {@code unfinishedPenalty} for a response cut
 * before EOS, then clipped to [-clip, clip] when {@code clip > 0}. When a gold reward is given,
 * {@code gold_score} is its score of the decoded prompt + response text.
 *
 * @param gold the gold reward, or null when there is none
 */
public record RolloutScorer(RewardModel rewardModel, GoldReward gold, Tokenizer tokenizer,
    int batchSize, double clip, double unfinishedPenalty) {

  /** Scores every rollout, in order. */
  public List<ScoredRollout> score(List<Rollout> rollouts) {
    List<int[]> seqs = new ArrayList<>(rollouts.size());
    for (Rollout r : rollouts) {
      int[] s = new int[r.promptTokens().length + r.responseLength()];
      System.arraycopy(r.promptTokens(), 0, s, 0, r.promptTokens().length);
      System.arraycopy(r.responseTokens(), 0, s, r.promptTokens().length, r.responseLength());
      seqs.add(s);
    }
    float[] scores = rewardModel.scores(seqs, batchSize);
    List<ScoredRollout> out = new ArrayList<>(rollouts.size());
    for (int i = 0; i < rollouts.size(); i++) {
      Rollout r = rollouts.get(i);
      double s = scores[i] - (r.finished() ? 0 : unfinishedPenalty);
      if (clip > 0) {
        s = Math.max(-clip, Math.min(clip, s));
      }
      Float g = gold == null ? null : (float) gold.score(tokenizer.decode(seqs.get(i)));
      out.add(new ScoredRollout(r, (float) s, g));
    }
    return out;
  }
}
