package io.tether.core.hf;

import io.tether.core.model.ModelSpec;
import java.util.Map;

/** The state-dict layout of a spec's family: {@link LlamaLayout} or {@link Gpt2Layout}. */
final class HfLayouts {
  /** A sequence classifier's head, outside any prefix: [num_labels = 1, hidden]. */
  static final String SCORE = "score.weight";

  private HfLayouts() {}

  /** The tensor's name in the state dict: the prefix, except for the classifier's head. */
  static String name(String prefix, HfSlot slot) {
    return slot.hfName().equals(SCORE) ? SCORE : prefix + slot.hfName();
  }

  static Map<String, HfSlot> slots(ModelSpec spec) {
    return spec.isLlama() ? LlamaLayout.slots(spec) : Gpt2Layout.slots(spec);
  }
}
