package io.tether.core.config;

/**
 * The {@code rollout} section: how responses are sampled from the policy on the executors.
 *
 * <p>{@code temperature} scales the logits of both sampling and the recorded log-probs, and the
 * learner recomputes log-probs at the same temperature. {@code top_k} and {@code top_p} must stay
 * off (0 and 1): PPO's ratio and KL need the log-probs of the distribution each token was drawn
 * from, and the learner recomputes the full one (TRL refuses truncation for PPO for the same
 * reason). The keys are kept so that a config that sets them fails with that explanation.
 *
 * @param promptsPerIteration prompts drawn per PPO iteration
 * @param samplesPerPrompt responses sampled per prompt
 * @param batchSize sequences generated together in one forward pass
 * @param maxNewTokens response length limit; a response cut here is marked unfinished
 * @param temperature logit temperature, > 0
 * @param topK must be 0 (no top-k truncation), see above
 * @param topP must be 1.0 (no nucleus truncation), see above
 * @param kvCache reuse attention keys and values across generation steps
 */
public record RolloutConfig(
    int promptsPerIteration,
    int samplesPerPrompt,
    int batchSize,
    int maxNewTokens,
    double temperature,
    int topK,
    double topP,
    boolean kvCache) {

  /** Validates every field; see the class description for the rules. */
  public RolloutConfig {
    Check.atLeast("rollout.prompts_per_iteration", promptsPerIteration, 1);
    Check.atLeast("rollout.samples_per_prompt", samplesPerPrompt, 1);
    Check.atLeast("rollout.batch_size", batchSize, 1);
    Check.atLeast("rollout.max_new_tokens", maxNewTokens, 1);
    Check.positive("rollout.temperature", temperature);
    Check.atLeast("rollout.top_k", topK, 0);
    Check.unitAboveZero("rollout.top_p", topP);
    if (topK != 0 || topP != 1.0) {
      throw new ConfigException(topK != 0 ? "rollout.top_k" : "rollout.top_p",
          "rollout.top_k is " + topK + " and rollout.top_p is " + topP + ": PPO rollouts must"
              + " sample the full distribution, whose log-probs the learner recomputes (a"
              + " truncated one biases the ratio and the KL); set rollout.top_k: 0 and"
              + " rollout.top_p: 1.0, and use rollout.temperature to sharpen sampling");
    }
  }

  /** 64 prompts, one sample each, batches of 16, 32 new tokens, plain sampling, KV cache on. */
  public static RolloutConfig defaults() {
    return new RolloutConfig(64, 1, 16, 32, 1.0, 0, 1.0, true);
  }
}
