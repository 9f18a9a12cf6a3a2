package io.tether.reward.rule;

/**
 * A reward computed by a program: implement it in a class with a public no-argument constructor,
 * put its jar on the classpath of the driver and the executors ({@code spark.jars}, or the
 * application jar's class path) and name it in {@code reward.rules} as {@code {kind: class,
 * class: com.example.MyReward, weight: 1.0}} or with {@code reward.rule_class}.
 *
 * <p>One instance is created per rollout task and called from that task's thread only; it need
 * not be thread-safe. A score must be finite: a NaN or infinity stops the run naming the rule
 * and the rollout.
 */
@FunctionalInterface
public interface RewardRule {
  /** The unweighted score of one response. */
  double score(RuleInput input);
}
