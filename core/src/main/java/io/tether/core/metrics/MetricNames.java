package io.tether.core.metrics;

import java.util.List;

/**
 * Per-iteration metric names, following TRL/CleanRL. KL values are in nats per sequence: the sum
 * over a response's tokens of the per-token estimate (k1: log pi - log pi_ref), averaged over
 * sequences (as in TRL and in Bai et al. / Gao et al., whose x-axis is sqrt(KL) of whole
 * responses).
 */
public final class MetricNames {
  public static final String ITERATION = "iteration";
  public static final String POLICY_VERSION = "policy_version";
  public static final String SCORES = "objective/scores";
  public static final String GOLD_SCORES = "objective/gold_scores";
  /** Summed per-token KL of the configured estimator ({@code learner.kl.estimator}). */
  public static final String KL = "objective/kl";
  /** The same with the k1 estimator whatever is configured: comparable across runs. */
  public static final String KL_K1 = "objective/kl_k1";
  public static final String SQRT_KL = "objective/sqrt_kl";
  public static final String KL_COEF = "objective/kl_coef";
  public static final String NON_SCORE_REWARD = "objective/non_score_reward";
  public static final String RLHF_REWARD = "objective/rlhf_reward";
  /**
   * Share of the iteration's prompts whose samples all scored the same, so that a group baseline
   * gives them advantage 0 (only the KL acts on them); only with {@code learner.advantage: grpo}
   * or {@code rloo}. Near 1: the task is too easy or too hard for the policy at this group size.
   */
  public static final String FLAT_GROUPS = "objective/flat_groups";
  public static final String APPROX_KL = "policy/approxkl";
  public static final String CLIPFRAC = "policy/clipfrac";
  public static final String ENTROPY = "policy/entropy";
  /** Largest |rho - 1| over the first minibatch: 0 up to float error when behaviour log-probs match. */
  public static final String INITIAL_RATIO_DEVIATION = "policy/initial_ratio_max_dev";
  public static final String LOSS_POLICY = "loss/policy";
  public static final String LOSS_VALUE = "loss/value";
  /** Mean k3 KL of the current policy against the reference; with {@code learner.kl.in: loss}. */
  public static final String LOSS_KL = "loss/kl";
  public static final String VALUE_CLIPFRAC = "val/clipfrac";
  public static final String EXPLAINED_VARIANCE = "val/explained_variance";
  public static final String RESPONSE_LENGTH = "rollout/response_length";
  public static final String FINISHED_FRACTION = "rollout/finished_fraction";
  /** Distinct executor JVMs that produced this iteration's rollouts. */
  public static final String ROLLOUT_EXECUTORS = "rollout/executors";
  /** Rollout task attempts beyond the first that produced kept output (Spark retries). */
  public static final String ROLLOUT_TASK_RETRIES = "rollout/task_retries";
  public static final String LEARNING_RATE = "learner/lr";
  public static final String GRAD_NORM_POLICY = "learner/grad_norm_policy";
  public static final String GRAD_NORM_VALUE = "learner/grad_norm_value";
  /** Mean score of the evaluation samples (same scale as {@link #SCORES}). */
  public static final String EVAL_SCORE = "eval/score";
  /** Mean gold score of the evaluation samples; only in a task with a gold reward. */
  public static final String EVAL_GOLD_SCORE = "eval/gold_score";
  /** KL of the evaluation samples, nats per sequence, with {@code learner.kl.estimator}. */
  public static final String EVAL_KL = "eval/kl";
  /** sqrt(max(0, {@link #EVAL_KL})). */
  public static final String EVAL_SQRT_KL = "eval/sqrt_kl";
  /** Share of the evaluation samples' words that are words of the task's training corpus. */
  public static final String EVAL_WORD_FRACTION = "eval/word_fraction";
  /**
   * Prefix of each rule reward's mean unweighted score over the iteration's rollouts, e.g.
   * {@code rule/exact_match}; only with {@code reward.rules}.
   */
  public static final String RULE_PREFIX = "rule/";
  /** The same over the evaluation samples, e.g. {@code eval/rule/exact_match}. */
  public static final String EVAL_RULE_PREFIX = "eval/rule/";
  /** Number of evaluation samples. */
  public static final String EVAL_SAMPLES = "eval/samples";
  /** The reward-model version that scored the iteration (0 without refreshes). */
  public static final String REWARD_VERSION = "reward/version";
  /** Comparison pairs labelled at a refresh before this iteration (ties included). */
  public static final String REFRESH_PAIRS = "refresh/pairs";
  /** Of them, those labelled a or b (ties are not trained on), held-out ones included. */
  public static final String REFRESH_DECIDED = "refresh/decided_pairs";
  /** Of the decided pairs, those held out to measure the refresh. */
  public static final String REFRESH_HELDOUT = "refresh/heldout_pairs";
  /**
   * Held-out accuracy, against the labels, of the reward model before the refresh on the pairs of
   * the current policy's samples: how far the policy has drifted from what the model knows.
   */
  public static final String REFRESH_ACCURACY_BEFORE = "refresh/heldout_accuracy_before";
  /** The same after the refresh's fine-tuning. */
  public static final String REFRESH_ACCURACY_AFTER = "refresh/heldout_accuracy_after";
  /** Wall time of the refresh: sampling, labelling, fine-tuning, normalisation, publishing. */
  public static final String TIME_REFRESH = "time/refresh";
  public static final String TIME_ROLLOUT = "time/rollout";
  public static final String TIME_REWARD = "time/reward";
  public static final String TIME_TRANSFER = "time/transfer";
  public static final String TIME_LEARNER = "time/learner";
  public static final String TIME_CHECKPOINT = "time/checkpoint";
  /** Wall time of the evaluation rollouts and scoring (0 in iterations without one). */
  public static final String TIME_EVAL = "time/eval";
  /** Seconds executors spent loading published weights during the iteration (summed). */
  public static final String TIME_WEIGHT_LOAD = "time/weight_load";
  public static final String TOKENS_PER_SECOND_ROLLOUT = "throughput/rollout_tokens_per_s";
  public static final String TOKENS_PER_SECOND_LEARNER = "throughput/learner_tokens_per_s";

  /**
   * The metrics the learner itself reports each iteration, in a stable order: the value ones only
   * with a critic, {@link #FLAT_GROUPS} only without, {@link #LOSS_KL} only with the KL in the loss.
   */
  public static final List<String> LEARNER = List.of(
      SCORES, KL, KL_K1, SQRT_KL, KL_COEF, NON_SCORE_REWARD, RLHF_REWARD, FLAT_GROUPS, APPROX_KL,
      CLIPFRAC, ENTROPY, INITIAL_RATIO_DEVIATION, LOSS_POLICY, LOSS_KL, LOSS_VALUE, VALUE_CLIPFRAC, EXPLAINED_VARIANCE,
      RESPONSE_LENGTH, FINISHED_FRACTION, LEARNING_RATE, GRAD_NORM_POLICY, GRAD_NORM_VALUE,
      TIME_LEARNER, TOKENS_PER_SECOND_LEARNER);

  private MetricNames() {}
}
