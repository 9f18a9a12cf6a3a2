package io.tether.reward.rule;

import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.reward.GoldReward;
import io.tether.reward.RolloutScorer;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds rule rewards to a task's rollouts. With a reward model, {@code score = modelWeight *
 * modelScore + sum_i w_i * rule_i} (the model score already penalised and clipped as {@code
 * reward.*} says); without one ({@code reward.mode: rule}), {@code score = sum_i w_i * rule_i -
 * unfinishedPenalty} for a cut response, clipped to [-clip, clip] when clip > 0.
 *
 * @param references the prompts' reference answers
 * @param modelWeight {@code reward.model_weight}
 * @param clip {@code reward.score_clip}, rule mode only; 0: off
 * @param unfinishedPenalty {@code reward.unfinished_penalty}, rule mode only (the model score
 *     carries it otherwise)
 */
public record RuleScorer(RuleSet rules, Tokenizer tokenizer, References references,
    double modelWeight, double clip, double unfinishedPenalty) {

  /** The rule scores of {@code r}. */
  public float[] ruleScores(Rollout r) {
    int[] seq = RolloutScorer.scoredSequence(r, tokenizer.stopTokens());
    int n = seq.length - r.promptTokens().length;
    int[] response = java.util.Arrays.copyOfRange(seq, r.promptTokens().length, seq.length);
    RuleInput in = new RuleInput(tokenizer.decode(r.promptTokens()), tokenizer.decode(response),
        references.get(r.promptTokens()), n, r.finished());
    return rules.scores(in, "rollout (prompt_id " + r.promptId() + ", sample_index "
        + r.sampleIndex() + ")");
  }

  /** Model-scored rollouts with the rules added. */
  public List<ScoredRollout> combine(List<ScoredRollout> modelScored) {
    List<ScoredRollout> out = new ArrayList<>(modelScored.size());
    for (ScoredRollout s : modelScored) {
      float[] r = ruleScores(s.rollout());
      float total = (float) (modelWeight * s.score() + rules.weighted(r));
      out.add(new ScoredRollout(s.rollout(), total, s.goldScore(), s.score(), r));
    }
    return out;
  }

  /** Rollouts scored by the rules alone, with the gold reward when one is given. */
  public List<ScoredRollout> rulesOnly(List<Rollout> rollouts, GoldReward gold) {
    List<ScoredRollout> out = new ArrayList<>(rollouts.size());
    for (Rollout ro : rollouts) {
      float[] r = ruleScores(ro);
      double s = rules.weighted(r) - (ro.finished() ? 0 : unfinishedPenalty);
      if (clip > 0) {
        s = Math.max(-clip, Math.min(clip, s));
      }
      Float g = gold == null ? null : (float) gold.score(
          tokenizer.decode(RolloutScorer.scoredSequence(ro, tokenizer.stopTokens())));
      out.add(new ScoredRollout(ro, (float) s, g, null, r));
    }
    return out;
  }
}
