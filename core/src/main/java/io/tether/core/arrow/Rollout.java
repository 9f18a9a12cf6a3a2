package io.tether.core.arrow;

import java.util.Arrays;
import java.util.Objects;

/**
 * One sampled response to a prompt, with the per-token log-probabilities the learner needs: the
 * output of the rollout stage. Schema: {@link RolloutCodec#SCHEMA}.
 *
 * <p>The arrays are owned by the record: they are neither copied in nor copied out, so callers must
 * not change them after construction. {@code equals}, {@code hashCode} and {@code toString} use
 * the arrays' content; floats compare as {@link Float#compare} does, so NaN equals NaN.
 *
 * @param promptId the prompt's id
 * @param promptTokens token ids of the prompt
 * @param sampleIndex which of the prompt's samples this is (0-based); part of the sampling seed
 * @param policyVersion version of the policy that sampled the response
 * @param responseTokens sampled token ids, length {@code T}
 * @param logprobs {@code (T)} log pi(token_t | context) under the sampling (behaviour) policy
 * @param refLogprobs {@code (T)} log pi_ref(token_t | context) under the frozen reference policy
 * @param finished true if the response ended with EOS, false if it was cut at the length limit
 */
public record Rollout(
    long promptId,
    int[] promptTokens,
    int sampleIndex,
    long policyVersion,
    int[] responseTokens,
    float[] logprobs,
    float[] refLogprobs,
    boolean finished) {

  /**
   * Checks that the arrays are present and that the per-token arrays have one value per response
   * token.
   *
   * @throws IllegalArgumentException naming the lengths when they differ
   */
  public Rollout {
    Objects.requireNonNull(promptTokens, "promptTokens");
    Objects.requireNonNull(responseTokens, "responseTokens");
    Objects.requireNonNull(logprobs, "logprobs");
    Objects.requireNonNull(refLogprobs, "refLogprobs");
    if (logprobs.length != responseTokens.length || refLogprobs.length != responseTokens.length) {
      throw new IllegalArgumentException(
          String.format(
              "responseTokens, logprobs and refLogprobs must have equal lengths, got %d, %d, %d",
              responseTokens.length, logprobs.length, refLogprobs.length));
    }
  }

  /** The number of response tokens {@code T}. */
  public int responseLength() {
    return responseTokens.length;
  }

  /** The prompt this rollout answers, sharing its token array. */
  public Prompt prompt() {
    return new Prompt(promptId, promptTokens);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rollout r
        && promptId == r.promptId
        && sampleIndex == r.sampleIndex
        && policyVersion == r.policyVersion
        && finished == r.finished
        && Arrays.equals(promptTokens, r.promptTokens)
        && Arrays.equals(responseTokens, r.responseTokens)
        && Arrays.equals(logprobs, r.logprobs)
        && Arrays.equals(refLogprobs, r.refLogprobs);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(promptId, sampleIndex, policyVersion, finished);
    h = 31 * h + Arrays.hashCode(promptTokens);
    h = 31 * h + Arrays.hashCode(responseTokens);
    h = 31 * h + Arrays.hashCode(logprobs);
    return 31 * h + Arrays.hashCode(refLogprobs);
  }

  @Override
  public String toString() {
    return "Rollout[promptId=" + promptId
        + ", promptTokens=" + Arrays.toString(promptTokens)
        + ", sampleIndex=" + sampleIndex
        + ", policyVersion=" + policyVersion
        + ", responseTokens=" + Arrays.toString(responseTokens)
        + ", logprobs=" + Arrays.toString(logprobs)
        + ", refLogprobs=" + Arrays.toString(refLogprobs)
        + ", finished=" + finished + "]";
  }
}
