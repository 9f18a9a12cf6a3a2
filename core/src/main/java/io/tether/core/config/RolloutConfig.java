package io.tether.core.config;

/**
 * The {@code rollout} section: how responses are sampled from the policy on the executors.
 *
 * <p>{@code temperature} scales the logits of both sampling and the recorded log-probs; {@code
 * top_k} and {@code top_p} only restrict sampling and do not enter the recorded log-probs.
 *
 * @param promptsPerIteration prompts drawn per PPO iteration
 * @param samplesPerPrompt responses sampled per prompt
 * @param batchSize sequences generated together in one forward pass
 * @param maxNewTokens response length limit; a response cut here is marked unfinished
 * @param temperature logit temperature, > 0
 * @param topK keep the k most likely tokens; 0: off
 * @param topP nucleus sampling mass, in (0, 1]; 1: off
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
  }

  /** 64 prompts, one sample each, batches of 16, 32 new tokens, plain sampling, KV cache on. */
  public static RolloutConfig defaults() {
    return new RolloutConfig(64, 1, 16, 32, 1.0, 0, 1.0, true);
  }
}
