package io.tether.reward;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The reward stage: scored rollouts out of rollouts in. The score is the reward model's
 * normalised score of prompt + response read before EOS ({@link #scoredSequence}), minus {@code
 * unfinishedPenalty} for a response cut before EOS, then clipped to [-clip, clip] when {@code clip
 * > 0}. When a gold reward is given, {@code gold_score} is its score of the decoded prompt +
 * response text.
 *
 * @param gold the gold reward, or null when there is none
 */
public record RolloutScorer(RewardModel rewardModel, GoldReward gold, Tokenizer tokenizer,
    int batchSize, double clip, double unfinishedPenalty) {

  /**
   * The tokens the reward model reads for a rollout: prompt (BOS first) + response, without the
   * EOS that ends a finished response. The reward model is trained on texts (BOS + text, no EOS)
   * and normalised on SFT samples read through this same function, so a response is scored at
   * the position the head was trained at, and finishing rather than being cut changes the score
   * only through {@code reward.unfinished_penalty}.
   */
  public static int[] scoredSequence(Rollout r, int eos) {
    return scoredSequence(r, new int[] {eos});
  }

  /** As {@link #scoredSequence(Rollout, int)}, a finished response ending with any of stops. */
  public static int[] scoredSequence(Rollout r, int[] stops) {
    int n = r.responseLength();
    boolean stopped = n > 0 && r.finished()
        && java.util.Arrays.stream(stops).anyMatch(s -> s == r.responseTokens()[n - 1]);
    int kept = stopped ? n - 1 : n;
    int[] s = new int[r.promptTokens().length + kept];
    System.arraycopy(r.promptTokens(), 0, s, 0, r.promptTokens().length);
    System.arraycopy(r.responseTokens(), 0, s, r.promptTokens().length, kept);
    return s;
  }

  /**
   * Fits the reward model's normalisation on {@code samples} (the SFT policy's), read as the
   * scorer reads them: afterwards their scores have mean 0 and std 1.
   */
  public static void normalizeOn(RewardModel rm, List<Rollout> samples, int eos, int batchSize) {
    normalizeOn(rm, samples, new int[] {eos}, batchSize);
  }

  /** As above, responses ending at any of {@code stops}. */
  public static void normalizeOn(RewardModel rm, List<Rollout> samples, int[] stops,
      int batchSize) {
    rm.normalizeTo(rm.rawScores(scoredSequences(samples, stops), batchSize));
  }

  /** The sequences the scorer reads of {@code samples}, in order. */
  public static List<int[]> scoredSequences(List<Rollout> samples, int[] stops) {
    List<int[]> seqs = new ArrayList<>(samples.size());
    samples.forEach(r -> seqs.add(scoredSequence(r, stops)));
    return seqs;
  }

  /** Scores every rollout, in order. */
  public List<ScoredRollout> score(List<Rollout> rollouts) {
    List<int[]> seqs = new ArrayList<>(rollouts.size());
    for (Rollout r : rollouts) {
      seqs.add(scoredSequence(r, tokenizer.stopTokens()));
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
