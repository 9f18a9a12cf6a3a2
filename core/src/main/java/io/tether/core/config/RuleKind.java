package io.tether.core.config;

/**
 * A rule reward's kind ({@code reward.rules[i].kind}).
 *
 * <p>The YAML value is the lower-case name.
 */
public enum RuleKind {
  /** 1 when {@code pattern} (a Java regular expression) is found in the response, else 0. */
  REGEX,
  /**
   * 1 when the response's final answer equals the prompt's reference answer (the prompt file's
   * {@code data.reference_field}), else 0. The final answer is the last match of {@code pattern}
   * in the response (its first group when it has one), or the whole response when {@code
   * pattern} is empty; both sides are compared with surrounding white space stripped.
   */
  EXACT_MATCH,
  /** {@code -max(0, n - target) / target} for a response of n tokens (EOS not counted). */
  LENGTH_PENALTY,
  /**
   * A class of the user's on the classpath, named by {@code class}, implementing {@code
   * io.tether.reward.rule.RewardRule} with a public no-argument constructor.
   */
  CLASS
}
