package io.tether.reward.rule;

import io.tether.core.config.ConfigException;
import io.tether.core.config.RuleConfig;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured rules, built: each rule with its weight, in {@code reward.rules} order ({@code
 * reward.rule_class} last). Built once per rollout task (a user's rule need not be thread-safe).
 */
public final class RuleSet {
  private final List<RewardRule> rules;
  private final double[] weights;
  private final List<String> names;

  private RuleSet(List<RewardRule> rules, double[] weights, List<String> names) {
    this.rules = rules;
    this.weights = weights;
    this.names = names;
  }

  /**
   * Builds the rules of {@code configs}.
   *
   * @throws ConfigException naming {@code reward.rules[i].class} when a class is missing, does
   *     not implement {@link RewardRule}, or cannot be created
   */
  public static RuleSet of(List<RuleConfig> configs) {
    List<RewardRule> rules = new ArrayList<>();
    List<String> names = new ArrayList<>();
    double[] weights = new double[configs.size()];
    for (int i = 0; i < configs.size(); i++) {
      RuleConfig c = configs.get(i);
      rules.add(build(c, "reward.rules[" + i + "]"));
      names.add(nameOf(c));
      weights[i] = c.weight();
    }
    return new RuleSet(List.copyOf(rules), weights, List.copyOf(names));
  }

  /** Number of rules. */
  public int size() {
    return rules.size();
  }

  /** A short name per rule, for messages and reports: its kind, or its class's simple name. */
  public List<String> names() {
    return names;
  }

  /** Weight of rule {@code i}. */
  public double weight(int i) {
    return weights[i];
  }

  /**
   * Every rule's unweighted score of {@code in}.
   *
   * @throws IllegalStateException naming the rule and {@code where} for a non-finite score
   */
  public float[] scores(RuleInput in, String where) {
    float[] out = new float[rules.size()];
    for (int i = 0; i < out.length; i++) {
      double s = rules.get(i).score(in);
      if (!Double.isFinite(s)) {
        throw new IllegalStateException("rule " + i + " (" + names.get(i) + ") scored " + s
            + " for " + where + "; rule scores must be finite");
      }
      out[i] = (float) s;
    }
    return out;
  }

  /** The weighted sum of {@code scores}. */
  public double weighted(float[] scores) {
    double sum = 0;
    for (int i = 0; i < scores.length; i++) {
      sum += weights[i] * scores[i];
    }
    return sum;
  }

  /** A rule's short name: its kind, or its class's simple name. */
  public static String nameOf(RuleConfig c) {
    return switch (c.kind()) {
      case CLASS -> c.className().substring(c.className().lastIndexOf('.') + 1);
      default -> c.kind().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static RewardRule build(RuleConfig c, String key) {
    return switch (c.kind()) {
      case REGEX -> BuiltinRules.regex(c.pattern());
      case EXACT_MATCH -> BuiltinRules.exactMatch(c.pattern());
      case LENGTH_PENALTY -> BuiltinRules.lengthPenalty(c.target());
      case CLASS -> load(c.className(), key + ".class");
    };
  }

  /** A new instance of the user's class {@code name}. */
  static RewardRule load(String name, String key) {
    Class<?> type;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      type = Class.forName(name, true, loader != null ? loader : RuleSet.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigException(key, key + ": class " + name + " is not on the classpath (add its"
          + " jar to the driver and executors, e.g. with spark.jars)");
    }
    if (!RewardRule.class.isAssignableFrom(type)) {
      throw new ConfigException(key, key + ": class " + name + " does not implement "
          + RewardRule.class.getName());
    }
    try {
      return (RewardRule) type.getConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new ConfigException(key, key + ": class " + name
          + " needs a public constructor without arguments");
    } catch (InvocationTargetException | InstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ConfigException(key, key + ": creating " + name + " failed: " + cause);
    }
  }
}
