package io.tether.deploy.run;

import io.tether.reward.rule.RewardRule;
import io.tether.reward.rule.RuleInput;

/** A user's rule class for {@link ArithmeticRunTest}: 1 when the response ends with a 9. */
public final class EndsWithNine implements RewardRule {
  @Override
  public double score(RuleInput input) {
    return input.response().strip().endsWith("9") ? 1 : 0;
  }
}
