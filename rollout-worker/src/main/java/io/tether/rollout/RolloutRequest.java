package io.tether.rollout;

import io.tether.core.generate.SamplingParams;
import java.io.Serializable;

/**
 * What one iteration's rollout stage must do; small and serialisable (shipped to every task).
 *
 * @param policy the policy version to sample from (its weights are in the checkpoint store)
 * @param reference the frozen reference policy
 * @param runSeed run.seed
 * @param iteration the iteration number (part of every sample's seed)
 * @param samplesPerPrompt responses per prompt
 * @param batchSize prompts per generation batch
 * @param kvCache generate with the KV cache
 * @param temperature sampling temperature
 * @param topK top-k (0 off)
 * @param topP top-p (1 off)
 * @param maxNewTokens response length limit
 * @param eos end-of-sequence token id
 * @param pad padding token id
 * @param stops every id that ends a response: {@code eos} and a model's other EOS ids
 */
public record RolloutRequest(ModelRef policy, ModelRef reference, long runSeed, long iteration,
    int samplesPerPrompt, int batchSize, boolean kvCache, double temperature, int topK,
    double topP, int maxNewTokens, int eos, int pad, int[] stops) implements Serializable {

  /** A request that stops at {@code eos} alone. */
  public RolloutRequest(ModelRef policy, ModelRef reference, long runSeed, long iteration,
      int samplesPerPrompt, int batchSize, boolean kvCache, double temperature, int topK,
      double topP, int maxNewTokens, int eos, int pad) {
    this(policy, reference, runSeed, iteration, samplesPerPrompt, batchSize, kvCache,
        temperature, topK, topP, maxNewTokens, eos, pad, new int[] {eos});
  }

  public SamplingParams sampling() {
    return new SamplingParams(temperature, topK, topP, maxNewTokens, true);
  }
}
