package io.tether.deploy.run;

import io.tether.core.config.RewardConfig;
import io.tether.core.config.RuleConfig;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.reward.rule.References;
import io.tether.reward.rule.RuleScorer;
import io.tether.reward.rule.RuleSet;
import java.util.ArrayList;
import io.tether.core.arrow.ScoredRollout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** The run's rule rewards ({@code reward.rules}, {@code reward.rule_class}), built and described. */
final class RuleScorers {
  private RuleScorers() {}

  /** A scorer of {@code rules}; the user's classes are created here, in the calling JVM. */
  static RuleScorer of(RewardConfig r, List<RuleConfig> rules, Tokenizer tok, References refs) {
    return new RuleScorer(RuleSet.of(rules), tok, refs, r.modelWeight(), r.scoreClip(),
        r.unfinishedPenalty());
  }

  /**
   * Each term of the score, e.g. {@code 1.0 * exact_match}: the reward model's too when there is
   * one.
   */
  static List<String> describe(RewardConfig r) {
    List<String> terms = new ArrayList<>();
    if (r.mode().usesModel()) {
      terms.add(fmt(r.modelWeight()) + " * reward model");
    }
    List<RuleConfig> rules = r.effectiveRules();
    for (RuleConfig rule : rules) {
      terms.add(fmt(rule.weight()) + " * " + RuleSet.nameOf(rule));
    }
    return terms;
  }

  /**
   * Each rule's mean unweighted score over {@code rows} as {@code prefix + name} (name: the
   * rule's kind or class, with {@code _i} appended where two rules share it); nothing without
   * rules.
   */
  static Map<String, Double> means(List<ScoredRollout> rows, RewardConfig r, String prefix) {
    List<RuleConfig> rules = r.effectiveRules();
    Map<String, Double> out = new LinkedHashMap<>();
    if (rules.isEmpty() || rows.isEmpty()) {
      return out;
    }
    List<String> names = rules.stream().map(RuleSet::nameOf).toList();
    for (int i = 0; i < rules.size(); i++) {
      String n = names.get(i);
      String name = names.indexOf(n) == names.lastIndexOf(n) ? n : n + "_" + i;
      double sum = 0;
      for (ScoredRollout s : rows) {
        sum += s.ruleScores()[i];
      }
      out.put(prefix + name, sum / rows.size());
    }
    return out;
  }

  private static String fmt(double w) {
    return String.format(Locale.ROOT, "%.3g", w);
  }
}
