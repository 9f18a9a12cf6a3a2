package io.tether.core.config;

/**
 * Who labels the comparison pairs of a reward-model refresh ({@code reward.labeller}); the YAML
 * value is the lower-case name.
 */
public enum Labeller {
  /** The task's simulated annotator (the default task's gold reward through a noisy choice). */
  SIMULATED,
  /**
   * People: the run writes the pairs (JSONL and a Label Studio import), checkpoints and stops;
   * {@code tether import-labels} reads the labels back and {@code tether resume} continues.
   */
  EXTERNAL
}
