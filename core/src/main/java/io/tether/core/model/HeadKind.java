package io.tether.core.model;

/** What a model's output head computes from the final hidden states. */
public enum HeadKind {
  /** Next-token logits (B, T, V), tied to the token embedding: policy and reference. */
  LM,
  /** One scalar per token (B, T): the critic. */
  VALUE,
  /** One scalar per sequence, read at the last real token: the reward model. */
  REWARD,
  /** One scalar per sequence, the sum of a per-token scalar over the real tokens after BOS. */
  REWARD_SUM;

  /** Whether this head scores whole sequences (a reward model). */
  public boolean isReward() {
    return this == REWARD || this == REWARD_SUM;
  }
}
