package io.tether.rollout;

import io.tether.core.arrow.Prompt;
import java.io.Serializable;

/** A prompt as Spark ships it to tasks. */
record PromptRow(long promptId, int[] tokens) implements Serializable {
  static PromptRow of(Prompt p) {
    return new PromptRow(p.promptId(), p.promptTokens());
  }
}
