package io.tether.core.config;

import java.util.List;

/**
 * The {@code reward} section: how rollouts are scored, and how the reward model is trained.
 *
 * @param mode in the rollout task or in the remote reward service
 * @param checkpoint an existing reward model (a Tether checkpoint version directory or a run
 *     directory, path or Hadoop URI) used instead of training one; in remote mode, the model the
 *     service serves (the critic may start from it); empty: embedded mode trains the run's own,
 *     remote mode has none
 * @param host reward service host (remote mode)
 * @param port reward service port (remote mode), in [1, 65535]
 * @param token shared secret the reward service expects; empty: the environment variable
 *     {@code TETHER_REWARD_TOKEN}, else none. Never written to the run directory
 * @param tlsCert PEM certificate for TLS to the reward service; empty: plain text
 * @param tlsKey PEM private key matching {@code tls_cert} (server side)
 * @param batchSize sequences scored per forward pass or Flight request
 * @param scoreClip scores are clipped to [-clip, clip]; 0: off
 * @param normalize normalize scores to zero mean and unit variance before use
 * @param unfinishedPenalty subtracted from the score of a response cut at max_new_tokens
 * @param retries retries of a failed remote request
 * @param timeoutSeconds time limit of one remote request, in seconds
 * @param train reward-model training
 * @param rules rule rewards added to the score, each times its weight (the only score in mode
 *     {@code rule}, which needs at least one)
 * @param ruleClass shorthand for one more rule {@code {kind: class, class: ruleClass, weight:
 *     1}}; empty: none
 * @param modelWeight weight of the reward model's score in the sum with {@code rules}
 * @param refreshEvery iterated online RLHF: every this many iterations, pairs of the current
 *     policy's samples are labelled, added to the preference data and the reward model is
 *     fine-tuned on them and published as a new version; 0: a static reward model
 * @param refreshPairs comparison pairs (two samples of one training prompt) per refresh
 * @param refreshSteps optimizer steps of each refresh's fine-tuning, from the current weights
 * @param refreshKeepOld share of the earlier preference pairs kept in each refresh's training
 *     set beside the new ones, in [0, 1]; 1: all of them
 * @param labeller who labels a refresh's pairs
 * @param refreshScale how a refreshed model's normalisation is fitted (with {@code normalize})
 */
public record RewardConfig(
    RewardMode mode,
    String checkpoint,
    String host,
    int port,
    String token,
    String tlsCert,
    String tlsKey,
    int batchSize,
    double scoreClip,
    boolean normalize,
    double unfinishedPenalty,
    int retries,
    double timeoutSeconds,
    RewardTrainConfig train,
    List<RuleConfig> rules,
    String ruleClass,
    double modelWeight,
    int refreshEvery,
    int refreshPairs,
    int refreshSteps,
    double refreshKeepOld,
    Labeller labeller,
    RefreshScale refreshScale) implements java.io.Serializable {

  /** Validates every field; see the class description for the rules. */
  public RewardConfig {
    Check.present("reward.mode", mode);
    Check.present("reward.checkpoint", checkpoint);
    Check.present("reward.host", host);
    checkPort(port);
    Check.present("reward.token", token);
    Check.present("reward.tls_cert", tlsCert);
    Check.present("reward.tls_key", tlsKey);
    Check.atLeast("reward.batch_size", batchSize, 1);
    Check.nonNegative("reward.score_clip", scoreClip);
    Check.nonNegative("reward.unfinished_penalty", unfinishedPenalty);
    Check.atLeast("reward.retries", retries, 0);
    Check.positive("reward.timeout_seconds", timeoutSeconds);
    Check.present("reward.train", train);
    Check.present("reward.rules", rules);
    Check.present("reward.rule_class", ruleClass);
    if (!Double.isFinite(modelWeight)) {
      throw new ConfigException("reward.model_weight",
          "reward.model_weight must be finite, got " + modelWeight);
    }
    Check.atLeast("reward.refresh_every", refreshEvery, 0);
    Check.atLeast("reward.refresh_pairs", refreshPairs, 2);
    Check.atLeast("reward.refresh_steps", refreshSteps, 1);
    Check.closedUnit("reward.refresh_keep_old", refreshKeepOld);
    Check.present("reward.labeller", labeller);
    Check.present("reward.refresh_scale", refreshScale);
    if (refreshEvery > 0 && mode != RewardMode.EMBEDDED) {
      throw new ConfigException("reward.refresh_every", "reward.refresh_every is "
          + refreshEvery + " but reward.mode is " + mode.name().toLowerCase(java.util.Locale.ROOT)
          + ": only a run's embedded reward model can be refreshed; set reward.refresh_every: 0"
          + " or reward.mode: embedded");
    }
    rules = List.copyOf(rules);
    for (int i = 0; i < rules.size(); i++) {
      rules.get(i).check("reward.rules[" + i + "]");
    }
    if (mode == RewardMode.RULE && rules.isEmpty() && ruleClass.isBlank()) {
      throw new ConfigException("reward.rules", "reward.mode is rule but reward.rules is empty"
          + " and so is reward.rule_class; give at least one rule (kind: regex, exact_match,"
          + " length_penalty or class)");
    }
  }

  /** {@code rules} with {@code rule_class} appended as a rule of weight 1. */
  public List<RuleConfig> effectiveRules() {
    if (ruleClass.isBlank()) {
      return rules;
    }
    List<RuleConfig> all = new java.util.ArrayList<>(rules);
    all.add(new RuleConfig(RuleKind.CLASS, 1.0, "", 0, ruleClass));
    return List.copyOf(all);
  }

  /**
   * Embedded scoring, service on 127.0.0.1:8815, normalized scores, no clip, no penalty; a static
   * reward model (refreshes, when turned on: 256 simulated-labelled pairs, 100 steps, all old
   * pairs kept, the score's scale continued).
   */
  public static RewardConfig defaults() {
    return new RewardConfig(
        RewardMode.EMBEDDED, "", "127.0.0.1", 8815, "", "", "", 32, 0.0, true, 0.0, 3, 60.0,
        RewardTrainConfig.defaults(), List.of(), "", 1.0, 0, 256, 100, 1.0, Labeller.SIMULATED,
        RefreshScale.CONTINUE);
  }

  /** The token to send: {@code token}, else {@code TETHER_REWARD_TOKEN}, else empty. */
  public String effectiveToken() {
    return token.isEmpty() ? System.getenv().getOrDefault("TETHER_REWARD_TOKEN", "") : token;
  }

  /** This section without its token, for files a run writes. */
  public RewardConfig redacted() {
    return new RewardConfig(mode, checkpoint, host, port, "", tlsCert, tlsKey, batchSize,
        scoreClip, normalize, unfinishedPenalty, retries, timeoutSeconds, train, rules, ruleClass,
        modelWeight, refreshEvery, refreshPairs, refreshSteps, refreshKeepOld, labeller,
        refreshScale);
  }

  /** Whether the reward model is refreshed before iteration {@code it} (never before 0). */
  public boolean refreshesAt(long it) {
    return refreshEvery > 0 && it > 0 && it % refreshEvery == 0;
  }

  /** The reward-model version that scores iteration {@code it}: the refreshes before it. */
  public long versionAt(long it) {
    return refreshEvery == 0 ? 0 : it / refreshEvery;
  }

  private static void checkPort(int port) {
    if (port < 1 || port > 65535) {
      throw new ConfigException(
          "reward.port", "reward.port must be in [1, 65535], got " + port);
    }
  }
}
