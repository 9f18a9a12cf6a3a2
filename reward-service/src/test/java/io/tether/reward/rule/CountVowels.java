package io.tether.reward.rule;

/** A user's rule, loaded by name in the tests: the number of vowels in the response. */
public final class CountVowels implements RewardRule {
  @Override
  public double score(RuleInput input) {
    return input.response().replaceAll("[^aeiou]", "").length();
  }
}
