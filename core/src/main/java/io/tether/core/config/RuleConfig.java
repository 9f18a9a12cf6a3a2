package io.tether.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of {@code reward.rules}: a rule reward and its weight in the sequence score. Checked
 * by {@link #check(String)} with its position in the list, so errors name the entry.
 *
 * @param kind which rule
 * @param weight multiplies the rule's score in the sum; may be negative
 * @param pattern {@code regex}: what to find; {@code exact_match}: how to find the final answer
 *     (empty: the whole response)
 * @param target {@code length_penalty}: tokens allowed before the penalty starts, >= 1
 * @param className {@code class}: the implementing class's binary name; the YAML key is {@code
 *     class}
 */
public record RuleConfig(
    RuleKind kind,
    double weight,
    String pattern,
    int target,
    @JsonProperty("class") String className) implements java.io.Serializable {

  /** No kind (a rule must name one), weight 1, no pattern, no target, no class. */
  public static RuleConfig defaults() {
    return new RuleConfig(null, 1.0, "", 0, "");
  }

  /**
   * Checks the fields the kind needs.
   *
   * @param key this entry's key, e.g. {@code reward.rules[2]}
   * @throws ConfigException naming the entry's key at fault and its value
   */
  public void check(String key) {
    if (kind == null) {
      throw new ConfigException(key + ".kind", key + ".kind is missing; one of regex,"
          + " exact_match, length_penalty, class");
    }
    if (!Double.isFinite(weight)) {
      throw new ConfigException(key + ".weight", key + ".weight must be finite, got " + weight);
    }
    Check.present(key + ".pattern", pattern);
    Check.present(key + ".class", className);
    switch (kind) {
      case REGEX -> {
        requireText(key + ".pattern", pattern, "the regular expression to find");
        compile(key + ".pattern", pattern);
      }
      case EXACT_MATCH -> compile(key + ".pattern", pattern);
      case LENGTH_PENALTY -> Check.atLeast(key + ".target", target, 1);
      case CLASS -> requireText(key + ".class", className, "the class implementing"
          + " io.tether.reward.rule.RewardRule");
    }
  }

  private static void requireText(String key, String value, String what) {
    if (value.isBlank()) {
      throw new ConfigException(key, key + " is empty; set it to " + what);
    }
  }

  private static void compile(String key, String regex) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new ConfigException(key, key + " is not a valid regular expression ("
          + e.getDescription() + " at index " + e.getIndex() + "): " + regex);
    }
  }
}
