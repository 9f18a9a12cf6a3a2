package io.tether.core.arrow;

import java.util.Objects;

/**
 * A rollout with its reward-model score: the output of the reward stage and the learner's input.
 * Schema: {@link ScoredRolloutCodec#SCHEMA}.
 *
 * <p>Record equality compares {@code score} as {@link Float#compare} does and {@code goldScore} as
 * {@link Float#equals} does, so NaN equals NaN.
 *
 * @param rollout the scored rollout
 * @param score the reward model's score r_RM(x, y) of the whole response
 * @param goldScore the gold reward of the response, or null where no gold reward exists
 */
public record ScoredRollout(Rollout rollout, float score, Float goldScore) {

  /** Checks that the rollout is present. */
  public ScoredRollout {
    Objects.requireNonNull(rollout, "rollout");
  }

  /** Whether a gold reward is present. */
  public boolean hasGoldScore() {
    return goldScore != null;
  }
}
