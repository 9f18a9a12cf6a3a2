package io.tether.reward.rule;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules {@code reward.rules} names by kind; see {@link io.tether.core.config.RuleKind}. */
final class BuiltinRules {
  private BuiltinRules() {}

  /** 1 when {@code pattern} is found in the response. */
  static RewardRule regex(String pattern) {
    Pattern p = Pattern.compile(pattern);
    return in -> p.matcher(in.response()).find() ? 1 : 0;
  }

  /**
   * 1 when the final answer equals the reference, both stripped; 0 otherwise, and when the
   * prompt has no reference or the response no answer.
   */
  static RewardRule exactMatch(String pattern) {
    Pattern p = pattern.isEmpty() ? null : Pattern.compile(pattern);
    return in -> {
      if (in.reference() == null) {
        return 0;
      }
      String answer = p == null ? in.response() : lastMatch(p, in.response());
      return answer != null && answer.strip().equals(in.reference().strip()) ? 1 : 0;
    };
  }

  /** The last match of {@code p} in {@code text}: its first group when it has one. */
  static String lastMatch(Pattern p, String text) {
    Matcher m = p.matcher(text);
    String last = null;
    while (m.find()) {
      last = m.groupCount() > 0 ? m.group(1) : m.group();
    }
    return last;
  }

  /** 0 up to {@code target} tokens, then -1 per {@code target} tokens beyond it. */
  static RewardRule lengthPenalty(int target) {
    return in -> -Math.max(0, in.responseTokens() - target) / (double) target;
  }
}
