package io.tether.core.config;

/**
 * How a reward model trained by a run turns its per-token head into one score; the YAML value is
 * the lower-case name. Stored with the model (as its head kind), so every reader scores alike.
 */
public enum RewardPooling {
  /** The head at the last real token, as Hugging Face sequence classifiers read it. */
  LAST,
  /**
   * The sum of the head over the real tokens after BOS: a score that adds up what each token
   * contributes, like a lexicon's sum of word valences; it generalises from fewer pairs.
   */
  SUM
}
