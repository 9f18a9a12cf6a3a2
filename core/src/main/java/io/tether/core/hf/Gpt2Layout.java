package io.tether.core.hf;

import io.tether.core.model.ModelSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a GPT-2 state dict's tensors map onto Tether's decoder: {@code wte}/{@code wpe}, per block
 * {@code ln_1}, {@code attn.c_attn} (q|k|v fused on the output dimension, as Tether's {@code
 * attn.qkv}), {@code attn.c_proj}, {@code ln_2}, {@code mlp.c_fc}, {@code mlp.c_proj}, then
 * {@code ln_f}. GPT-2's Conv1D stores weights [in, out]; Tether's linear weights are [out, in],
 * so those four matrices are transposed on the way in and out. The LM head is tied to {@code wte}.
 */
public final class Gpt2Layout {
  /** Buffers of older GPT-2 checkpoints that are not weights (the causal mask). */
  private static final List<String> BUFFERS = List.of(".attn.bias", ".attn.masked_bias");
  /** The tied LM head some checkpoints store beside {@code wte}. */
  public static final String LM_HEAD = "lm_head.weight";


  private Gpt2Layout() {}

  /** Tether's parameter names in layout order, each with its GPT-2 tensor. */
  public static Map<String, HfSlot> slots(ModelSpec spec) {
    Map<String, HfSlot> m = new LinkedHashMap<>();
    m.put("wte", new HfSlot("wte.weight", false));
    m.put("wpe", new HfSlot("wpe.weight", false));
    for (int i = 0; i < spec.nLayer(); i++) {
      String t = "layers." + i + ".";
      String h = "h." + i + ".";
      m.put(t + "ln1.gamma", new HfSlot(h + "ln_1.weight", false));
      m.put(t + "ln1.beta", new HfSlot(h + "ln_1.bias", false));
      m.put(t + "attn.qkv.weight", new HfSlot(h + "attn.c_attn.weight", true));
      m.put(t + "attn.qkv.bias", new HfSlot(h + "attn.c_attn.bias", false));
      m.put(t + "attn.out.weight", new HfSlot(h + "attn.c_proj.weight", true));
      m.put(t + "attn.out.bias", new HfSlot(h + "attn.c_proj.bias", false));
      m.put(t + "ln2.gamma", new HfSlot(h + "ln_2.weight", false));
      m.put(t + "ln2.beta", new HfSlot(h + "ln_2.bias", false));
      m.put(t + "mlp.fc.weight", new HfSlot(h + "mlp.c_fc.weight", true));
      m.put(t + "mlp.fc.bias", new HfSlot(h + "mlp.c_fc.bias", false));
      m.put(t + "mlp.proj.weight", new HfSlot(h + "mlp.c_proj.weight", true));
      m.put(t + "mlp.proj.bias", new HfSlot(h + "mlp.c_proj.bias", false));
    }
    m.put("ln_f.gamma", new HfSlot("ln_f.weight", false));
    m.put("ln_f.beta", new HfSlot("ln_f.bias", false));
    if (spec.head() == io.tether.core.model.HeadKind.REWARD) {
      m.put("head.weight", new HfSlot(HfLayouts.SCORE, false));
    }
    return m;
  }

  /** Whether {@code name} (prefix removed) is a buffer that loading ignores. */
  static boolean isBuffer(String name) {
    return BUFFERS.stream().anyMatch(name::endsWith);
  }

  /** {@code a} viewed as [rows, cols], returned as [cols, rows]. */
  static float[] transpose(float[] a, long rows, long cols) {
    int r = Math.toIntExact(rows);
    int c = Math.toIntExact(cols);
    float[] out = new float[a.length];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        out[j * r + i] = a[i * c + j];
      }
    }
    return out;
  }
}
