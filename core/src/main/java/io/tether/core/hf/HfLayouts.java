package io.tether.core.hf;

import io.tether.core.model.ModelSpec;
import java.util.Map;

/** The state-dict layout of a spec's family: {@link LlamaLayout} or {@link Gpt2Layout}. */
final class HfLayouts {
  private HfLayouts() {}

  static Map<String, HfSlot> slots(ModelSpec spec) {
    return spec.isLlama() ? LlamaLayout.slots(spec) : Gpt2Layout.slots(spec);
  }
}
