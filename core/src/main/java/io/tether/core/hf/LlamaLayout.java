package io.tether.core.hf;

import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a Llama-family state dict's tensors map onto Tether's decoder: {@code
 * model.embed_tokens}, per block {@code input_layernorm}, {@code self_attn.{q,k,v,o}_proj}
 * (q/k/v biases for Qwen2), {@code post_attention_layernorm}, {@code mlp.{gate,up,down}_proj},
 * then {@code model.norm} and, untied, {@code lm_head}. Linear weights are [out, in] on both
 * sides.
 */
public final class LlamaLayout {
  /** Rotary buffers of older checkpoints, recomputed from the config. */
  static final String INV_FREQ = ".rotary_emb.inv_freq";

  private LlamaLayout() {}

  /** Tether's parameter names in layout order, each with its tensor. */
  public static Map<String, HfSlot> slots(ModelSpec spec) {
    Map<String, HfSlot> m = new LinkedHashMap<>();
    m.put("wte", slot("model.embed_tokens.weight"));
    for (int i = 0; i < spec.nLayer(); i++) {
      String t = "layers." + i + ".";
      String h = "model.layers." + i + ".";
      m.put(t + "ln1.weight", slot(h + "input_layernorm.weight"));
      for (String p : new String[] {"q", "k", "v"}) {
        m.put(t + "attn." + p + ".weight", slot(h + "self_attn." + p + "_proj.weight"));
        if (spec.llama().qkvBias()) {
          m.put(t + "attn." + p + ".bias", slot(h + "self_attn." + p + "_proj.bias"));
        }
      }
      if (spec.llama().qkNorm()) {
        m.put(t + "attn.q_norm.weight", slot(h + "self_attn.q_norm.weight"));
        m.put(t + "attn.k_norm.weight", slot(h + "self_attn.k_norm.weight"));
      }
      m.put(t + "attn.o.weight", slot(h + "self_attn.o_proj.weight"));
      m.put(t + "ln2.weight", slot(h + "post_attention_layernorm.weight"));
      for (String p : new String[] {"gate", "up", "down"}) {
        m.put(t + "mlp." + p + ".weight", slot(h + "mlp." + p + "_proj.weight"));
      }
    }
    m.put("ln_f.weight", slot("model.norm.weight"));
    if (spec.head() == HeadKind.LM && !spec.llama().tiedEmbeddings()) {
      m.put("lm_head", slot(Gpt2Layout.LM_HEAD));
    }
    if (spec.head() == HeadKind.REWARD) {
      m.put("head.weight", slot(HfLayouts.SCORE));
    }
    return m;
  }

  private static HfSlot slot(String name) {
    return new HfSlot(name, false);
  }
}
