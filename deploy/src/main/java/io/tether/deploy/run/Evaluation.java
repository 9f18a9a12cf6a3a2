package io.tether.deploy.run;

import io.tether.core.arrow.Prompt;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.EvalConfig;
import io.tether.core.config.KlEstimator;
import io.tether.core.config.TetherConfig;
import io.tether.core.metrics.MetricNames;
import io.tether.core.task.Words;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.rollout.PromptSampler;
import io.tether.rollout.RolloutRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluation of the iteration's policy on the task's evaluation prompts, which PPO never samples:
 * {@code eval.samples} responses at the training temperature, scored as training rollouts are
 * (embedded or remote), from a random stream of their own so training is the same with or
 * without evaluation. KL is per sequence with {@code learner.kl.estimator}, from the log-probs
 * the rollout workers recorded.
 */
final class Evaluation {
  /** Mixed into the run's seed for the evaluation samples' stream. */
  static final long SEED_SALT = 0x5EED_E7A1_0000_0001L;

  private Evaluation() {}

  /** An evaluation's samples and its {@code eval/*} metrics, with {@code time/eval}. */
  record Result(Scored samples, Map<String, Double> metrics) {}

  /** Evaluates the policy of iteration {@code it} on {@code prompts}. */
  static Result run(RunContext ctx, List<Prompt> prompts, EmbeddedScoring scoring,
      Optional<Set<String>> vocabulary, long it) {
    TetherConfig c = ctx.config();
    EvalConfig e = c.eval();
    long seed = c.run().seed() ^ SEED_SALT;
    List<Prompt> chosen = prompts.size() > e.samples()
        ? PromptSampler.sample(prompts, e.samples(), seed, it) : prompts;
    int perPrompt = (e.samples() + chosen.size() - 1) / chosen.size();
    RolloutRequest req = ctx.rolloutRequest(ctx.ref(Role.POLICY, it), it, perPrompt, seed);
    long t0 = ctx.ticker().nanos();
    Scored s = Scored.sample(ctx, req, chosen, scoring);
    Map<String, Double> m = metrics(s.rows(), c.learner().kl().estimator());
    m.putAll(RuleScorers.means(s.rows(), c.reward(), MetricNames.EVAL_RULE_PREFIX));
    vocabulary.ifPresent(v -> m.put(MetricNames.EVAL_WORD_FRACTION,
        wordFraction(s.rows(), ctx.tokenizer(), v)));
    m.put(MetricNames.TIME_EVAL, ctx.ticker().secondsSince(t0));
    return new Result(s, m);
  }

  /** Mean score, gold score (when every row has one) and per-sequence KL of {@code rows}. */
  static Map<String, Double> metrics(List<ScoredRollout> rows, KlEstimator estimator) {
    double score = 0;
    double gold = 0;
    double kl = 0;
    boolean allGold = true;
    for (ScoredRollout r : rows) {
      score += r.score();
      allGold &= r.hasGoldScore();
      gold += r.hasGoldScore() ? r.goldScore() : 0;
      kl += sequenceKl(r.rollout(), estimator);
    }
    int n = rows.size();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(MetricNames.EVAL_SCORE, score / n);
    if (allGold) {
      m.put(MetricNames.EVAL_GOLD_SCORE, gold / n);
    }
    m.put(MetricNames.EVAL_KL, kl / n);
    m.put(MetricNames.EVAL_SQRT_KL, Math.sqrt(Math.max(0, kl / n)));
    m.put(MetricNames.EVAL_SAMPLES, (double) n);
    return m;
  }

  /** The share of the responses' words that are corpus words (a cut response's last not counted). */
  static double wordFraction(List<ScoredRollout> rows, Tokenizer tok, Set<String> vocabulary) {
    List<String> texts = new ArrayList<>(rows.size());
    boolean[] cut = new boolean[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      texts.add(tok.decode(rows.get(i).rollout().responseTokens()));
      cut[i] = !rows.get(i).rollout().finished();
    }
    return Words.fraction(texts, cut, vocabulary);
  }

  /** Sum over the response's tokens of the per-token estimate. */
  static double sequenceKl(Rollout r, KlEstimator estimator) {
    double sum = 0;
    for (int t = 0; t < r.logprobs().length; t++) {
      sum += estimator.perToken((double) r.logprobs()[t] - r.refLogprobs()[t]);
    }
    return sum;
  }
}
