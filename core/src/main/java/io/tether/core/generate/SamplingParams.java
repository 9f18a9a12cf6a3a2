package io.tether.core.generate;

/**
 * How tokens are drawn. The recorded log-probability of a token is that of the distribution it
 * was drawn from: {@code log softmax(logits / temperature)}, or with top-k / top-p the truncated
 * distribution renormalised over the kept tokens. PPO rollouts never truncate ({@code
 * RolloutConfig} refuses it): the learner recomputes the full temperature-scaled distribution, and
 * a ratio or KL measured against a distribution the tokens did not come from is biased.
 *
 * @param temperature > 0
 * @param topK keep the k most likely tokens; 0 = off
 * @param topP keep the smallest set with probability mass >= p; 1 = off
 * @param maxNewTokens the most tokens to generate per sequence
 * @param stopAtEos end a sequence when it samples EOS (the EOS token is part of the response)
 */
public record SamplingParams(
    double temperature, int topK, double topP, int maxNewTokens, boolean stopAtEos) {

  public SamplingParams {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0, got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
    }
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
    }
  }

  /** Plain sampling at temperature 1, stopping at EOS. */
  public static SamplingParams plain(int maxNewTokens) {
    return new SamplingParams(1.0, 0, 1.0, maxNewTokens, true);
  }
}
