package io.tether.core.config;

/**
 * Which task a run trains on.
 *
 * <p>The YAML value is the lower-case name.
 */
public enum TaskKind {
  /** {@code files} when {@code data.prompts} is set, else {@code default}. */
  AUTO,
  /**
   * The built-in sentiment task: prompts, SFT text and gold reward from the packages {@code
   * tether setup} fetched.
   */
  DEFAULT,
  /** The user's files only: no default-task data is read and there is no gold reward. */
  FILES,
  /**
   * The built-in verifiable task: {@code a+b=} prompts with the sum as reference answer, SFT on
   * the training problems, scored by rules ({@code reward.mode: rule}); nothing is downloaded.
   */
  ARITHMETIC
}
