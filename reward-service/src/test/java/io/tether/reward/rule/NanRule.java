package io.tether.reward.rule;

/** A user's rule that returns NaN, for the error the tests expect. */
public final class NanRule implements RewardRule {
  @Override
  public double score(RuleInput input) {
    return Double.NaN;
  }
}
