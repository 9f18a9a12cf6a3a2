package io.tether.core.hf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny random Llama-family model written by the test in the Hugging Face layout ({@code
 * model.layers.N.self_attn.q_proj.weight} ...), independently of Tether's exporter.
 */
final class TinyLlama {
  /** The shape and flavour of the model. */
  record Shape(String architecture, int vocab, int d, int heads, int kvHeads, int headDim,
      int intermediate, int layers, boolean qkvBias, boolean tied, boolean llama3Scaling,
      boolean qkNorm) {}

  static final Shape QWEN_GQA_UNTIED = new Shape("Qwen2ForCausalLM", 29, 16, 4, 2, 6, 24, 2,
      true, false, false, false);
  static final Shape QWEN3_QK_NORM = new Shape("Qwen3ForCausalLM", 25, 16, 4, 2, 8, 24, 2,
      false, true, false, true);
  static final Shape LLAMA3_TIED = new Shape("LlamaForCausalLM", 27, 12, 3, 1, 8, 20, 2, false,
      true, true, false);
  static final int POSITIONS = 64;
  static final double EPS = 1e-6;
  static final double THETA = 500.0;

  final Shape s;
  final Map<String, float[]> tensors = new LinkedHashMap<>();
  final Map<String, long[]> shapes = new LinkedHashMap<>();

  TinyLlama(Shape s, long seed, boolean bf16) {
    this.s = s;
    Random r = new Random(seed);
    int q = s.heads() * s.headDim();
    int kv = s.kvHeads() * s.headDim();
    put("model.embed_tokens.weight", r, bf16, 0.5, s.vocab(), s.d());
    for (int i = 0; i < s.layers(); i++) {
      String h = "model.layers." + i + ".";
      norm(h + "input_layernorm.weight", r, bf16);
      put(h + "self_attn.q_proj.weight", r, bf16, 0.4, q, s.d());
      put(h + "self_attn.k_proj.weight", r, bf16, 0.4, kv, s.d());
      put(h + "self_attn.v_proj.weight", r, bf16, 0.4, kv, s.d());
      if (s.qkvBias()) {
        put(h + "self_attn.q_proj.bias", r, bf16, 0.2, q);
        put(h + "self_attn.k_proj.bias", r, bf16, 0.2, kv);
        put(h + "self_attn.v_proj.bias", r, bf16, 0.2, kv);
      }
      if (s.qkNorm()) {
        put(h + "self_attn.q_norm.weight", r, bf16, 0.3, s.headDim());
        put(h + "self_attn.k_norm.weight", r, bf16, 0.3, s.headDim());
      }
      put(h + "self_attn.o_proj.weight", r, bf16, 0.3, s.d(), q);
      norm(h + "post_attention_layernorm.weight", r, bf16);
      put(h + "mlp.gate_proj.weight", r, bf16, 0.4, s.intermediate(), s.d());
      put(h + "mlp.up_proj.weight", r, bf16, 0.4, s.intermediate(), s.d());
      put(h + "mlp.down_proj.weight", r, bf16, 0.3, s.d(), s.intermediate());
    }
    norm("model.norm.weight", r, bf16);
    if (!s.tied()) {
      put("lm_head.weight", r, bf16, 0.5, s.vocab(), s.d());
    }
  }

  private void put(String name, Random r, boolean bf16, double std, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = round((float) (std * r.nextGaussian()), bf16);
    }
    tensors.put(name, v);
    shapes.put(name, shape);
  }

  private void norm(String name, Random r, boolean bf16) {
    put(name, r, bf16, 0.1, s.d());
    float[] v = tensors.get(name);
    for (int i = 0; i < v.length; i++) {
      v[i] = round(v[i] + 1, bf16);
    }
  }

  private static float round(float v, boolean bf16) {
    return bf16 ? Float.intBitsToFloat(Float.floatToRawIntBits(v) & 0xFFFF0000) : v;
  }

  private String modelType() {
    return s.architecture().startsWith("Qwen")
        ? s.architecture().substring(0, 5).toLowerCase(java.util.Locale.ROOT) : "llama";
  }

  String config(String dtype) {
    String scaling = s.llama3Scaling() ? "{\"rope_type\": \"llama3\", \"factor\": 4.0, "
        + "\"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0, "
        + "\"original_max_position_embeddings\": 48}" : "null";
    return "{\n  \"architectures\": [\"" + s.architecture() + "\"],\n  \"model_type\": \""
        + modelType() + "\",\n"
        + "  \"vocab_size\": " + s.vocab() + ",\n  \"hidden_size\": " + s.d() + ",\n"
        + "  \"intermediate_size\": " + s.intermediate() + ",\n  \"num_hidden_layers\": "
        + s.layers() + ",\n  \"num_attention_heads\": " + s.heads() + ",\n"
        + "  \"num_key_value_heads\": " + s.kvHeads() + ",\n  \"head_dim\": " + s.headDim()
        + ",\n  \"hidden_act\": \"silu\",\n  \"max_position_embeddings\": " + POSITIONS + ",\n"
        + "  \"rms_norm_eps\": 1e-06,\n  \"rope_theta\": " + THETA + ",\n  \"rope_scaling\": "
        + scaling + ",\n  \"tie_word_embeddings\": " + s.tied() + ",\n"
        + "  \"bos_token_id\": 1,\n  \"eos_token_id\": [2, 3],\n  \"torch_dtype\": \"" + dtype
        + "\"\n}\n";
  }

  Path write(Path dir, boolean bf16) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.json"), config(bf16 ? "bfloat16" : "float32"));
    List<HandWrittenSafeTensors.T> all = new ArrayList<>();
    tensors.forEach((n, v) -> all.add(new HandWrittenSafeTensors.T(n, shapes.get(n), v,
        bf16 ? "BF16" : "F32")));
    HandWrittenSafeTensors.write(dir.resolve("model.safetensors"), all);
    return dir;
  }
}
