package io.tether.core.generate;

import java.util.Arrays;

/**
 * One sampled response.
 *
 * @param tokens (A) response tokens, EOS included when reached
 * @param logprobs (A) log pi(a_t | s_t) under the temperature-scaled sampling distribution
 * @param finished true when EOS was sampled, false when cut by max new tokens or the context
 */
public record Generation(int[] tokens, float[] logprobs, boolean finished) {

  public Generation {
    if (tokens.length != logprobs.length) {
      throw new IllegalArgumentException(
          "tokens (" + tokens.length + ") and logprobs (" + logprobs.length + ") differ");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Generation g
        && finished == g.finished
        && Arrays.equals(tokens, g.tokens)
        && Arrays.equals(logprobs, g.logprobs);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(tokens) + Arrays.hashCode(logprobs)) + Boolean.hashCode(finished);
  }

  @Override
  public String toString() {
    return "Generation" + Arrays.toString(tokens) + (finished ? " finished" : " cut");
  }
}
