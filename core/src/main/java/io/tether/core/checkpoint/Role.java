package io.tether.core.checkpoint;

import java.util.Locale;

/** The models a run keeps in its checkpoint store, each under {@code checkpoints/<dir>/}. */
public enum Role {
  /** The SFT policy: the KL reference, and the policy's starting point (version 0). */
  REFERENCE,
  /** The reward model with its score normalisation (version 0). */
  REWARD,
  /** The policy after each iteration; version N is what iteration N samples from. */
  POLICY,
  /** The critic after each iteration, with the learner's state (optimizers, beta, iteration). */
  CRITIC,
  /**
   * The learner's state after each iteration when there is no critic ({@code learner.advantage}
   * {@code grpo} or {@code rloo}): the policy optimizer, beta and the next iteration, no weights.
   */
  LEARNER;

  /** The role's directory name, e.g. {@code policy}. */
  public String dirName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role whose directory is {@code dirName}, e.g. {@code policy}.
   *
   * @throws IllegalArgumentException naming the value and the roles there are
   */
  public static Role ofDirName(String dirName) {
    for (Role r : values()) {
      if (r.dirName().equals(dirName)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no checkpoint role '" + dirName + "'; roles are "
        + java.util.Arrays.toString(values()));
  }

  @Override
  public String toString() {
    return dirName();
  }
}
