package io.tether.core.hf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
  final Map<String, float[]> tensors;
  final Map<String, long[]> shapes;

  TinyLlama(Shape s, long seed, boolean bf16) {
    this.s = s;
    RandomTensors t = new RandomTensors(seed, bf16);
    tensors = t.tensors;
    shapes = t.shapes;
    int q = s.heads() * s.headDim();
    int kv = s.kvHeads() * s.headDim();
    t.normal("model.embed_tokens.weight", 0.5, s.vocab(), s.d());
    for (int i = 0; i < s.layers(); i++) {
      String h = "model.layers." + i + ".";
      t.aroundOne(h + "input_layernorm.weight", s.d());
      t.normal(h + "self_attn.q_proj.weight", 0.4, q, s.d());
      t.normal(h + "self_attn.k_proj.weight", 0.4, kv, s.d());
      t.normal(h + "self_attn.v_proj.weight", 0.4, kv, s.d());
      if (s.qkvBias()) {
        t.normal(h + "self_attn.q_proj.bias", 0.2, q);
        t.normal(h + "self_attn.k_proj.bias", 0.2, kv);
        t.normal(h + "self_attn.v_proj.bias", 0.2, kv);
      }
      if (s.qkNorm()) {
        t.normal(h + "self_attn.q_norm.weight", 0.3, s.headDim());
        t.normal(h + "self_attn.k_norm.weight", 0.3, s.headDim());
      }
      t.normal(h + "self_attn.o_proj.weight", 0.3, s.d(), q);
      t.aroundOne(h + "post_attention_layernorm.weight", s.d());
      t.normal(h + "mlp.gate_proj.weight", 0.4, s.intermediate(), s.d());
      t.normal(h + "mlp.up_proj.weight", 0.4, s.intermediate(), s.d());
      t.normal(h + "mlp.down_proj.weight", 0.3, s.d(), s.intermediate());
    }
    t.aroundOne("model.norm.weight", s.d());
    if (!s.tied()) {
      t.normal("lm_head.weight", 0.5, s.vocab(), s.d());
    }
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
