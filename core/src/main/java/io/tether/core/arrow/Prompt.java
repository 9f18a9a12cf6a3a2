package io.tether.core.arrow;

import java.util.Arrays;
import java.util.Objects;

/**
 * One prompt of an iteration: the input of the rollout stage. Schema: {@link PromptCodec#SCHEMA}.
 *
 * <p>The array is owned by the record: it is neither copied in nor copied out, so callers must not
 * change it after construction. {@code equals}, {@code hashCode} and {@code toString} use the
 * array's content.
 *
 * @param promptId identifies the prompt within the run; part of the sampling seed
 * @param promptTokens token ids of the prompt
 */
public record Prompt(long promptId, int[] promptTokens) {

  /** Checks that the token array is present. */
  public Prompt {
    Objects.requireNonNull(promptTokens, "promptTokens");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prompt p
        && promptId == p.promptId
        && Arrays.equals(promptTokens, p.promptTokens);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(promptId) + Arrays.hashCode(promptTokens);
  }

  @Override
  public String toString() {
    return "Prompt[promptId=" + promptId + ", promptTokens=" + Arrays.toString(promptTokens) + "]";
  }
}
