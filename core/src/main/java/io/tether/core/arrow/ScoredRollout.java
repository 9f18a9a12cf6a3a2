package io.tether.core.arrow;

import java.util.Arrays;
import java.util.Objects;

/**
 * A rollout with its score: the output of the reward stage and the learner's input. Schema:
 * {@link ScoredRolloutCodec#SCHEMA}.
 *
 * <p>{@code score} is what the learner uses: the reward model's score times {@code
 * reward.model_weight} plus each rule's score times its weight ({@code reward.rules}); with no
 * rules it is the model's score, and in {@code reward.mode: rule} the rules' sum alone. The parts
 * travel beside it: {@code modelScore} (null without a reward model) and {@code ruleScores}, one
 * unweighted score per configured rule in configuration order.
 *
 * <p>The array is owned by the record (neither copied in nor out). Equality compares {@code
 * score} as {@link Float#compare} does, the nullable floats as {@link Float#equals} (NaN equals
 * NaN) and the rule scores by content.
 *
 * @param rollout the scored rollout
 * @param score the sequence score the learner uses
 * @param goldScore the gold reward of the response, or null where no gold reward exists
 * @param modelScore the reward model's score (normalised, penalised and clipped as configured),
 *     or null in {@code reward.mode: rule}
 * @param ruleScores each rule's unweighted score, in {@code reward.rules} order; empty without
 *     rules
 */
public record ScoredRollout(Rollout rollout, float score, Float goldScore, Float modelScore,
    float[] ruleScores) {
  private static final float[] NO_RULES = new float[0];

  /** Checks that the rollout and the rule scores are present. */
  public ScoredRollout {
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(ruleScores, "ruleScores");
  }

  /** A rollout scored by the reward model alone: {@code modelScore} is {@code score}. */
  public ScoredRollout(Rollout rollout, float score, Float goldScore) {
    this(rollout, score, goldScore, score, NO_RULES);
  }

  /** Whether a gold reward is present. */
  public boolean hasGoldScore() {
    return goldScore != null;
  }

  /** This rollout with another score (the parts unchanged). */
  public ScoredRollout withScore(float newScore) {
    return new ScoredRollout(rollout, newScore, goldScore, modelScore, ruleScores);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoredRollout s
        && rollout.equals(s.rollout)
        && Float.compare(score, s.score) == 0
        && Objects.equals(goldScore, s.goldScore)
        && Objects.equals(modelScore, s.modelScore)
        && Arrays.equals(ruleScores, s.ruleScores);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rollout, Float.hashCode(score), goldScore, modelScore,
        Arrays.hashCode(ruleScores));
  }

  @Override
  public String toString() {
    return "ScoredRollout[rollout=" + rollout + ", score=" + score + ", goldScore=" + goldScore
        + ", modelScore=" + modelScore + ", ruleScores=" + Arrays.toString(ruleScores) + "]";
  }
}
