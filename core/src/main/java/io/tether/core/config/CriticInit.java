package io.tether.core.config;

/**
 * Which weights the value model (critic) starts from.
 *
 * <p>The YAML value is the lower-case name.
 */
public enum CriticInit {
  /** The trained reward model's body, as in Ouyang et al. 2022. */
  REWARD_MODEL,
  /** The initial policy's body. */
  POLICY
}
