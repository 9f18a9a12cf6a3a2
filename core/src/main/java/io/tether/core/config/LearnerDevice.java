package io.tether.core.config;

/**
 * Where the learner runs its PPO updates.
 *
 * <p>The YAML value is the lower-case name.
 */
public enum LearnerDevice {
  /** A GPU when one is visible, the CPU otherwise. */
  AUTO,
  /** Always the CPU. */
  CPU,
  /** Always a GPU; fail when none is visible. */
  GPU
}
