package io.tether.core.hf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tiny random GPT-2 written by the test in the Hugging Face layout (names, Conv1D [in, out]
 * weights, fused c_attn), independently of Tether's exporter: what {@code save_pretrained} of a
 * {@code GPT2LMHeadModel} produces, optionally with the old checkpoints' {@code attn.bias}
 * buffers, a stored {@code lm_head.weight}, bfloat16 values, or two shards with an index.
 */
final class TinyGpt2 {
  static final int VOCAB = 23;
  static final int POSITIONS = 16;
  static final int D = 8;
  static final int HEADS = 2;
  static final int LAYERS = 2;
  static final double EPS = 1e-5;

  /** How the directory is written. */
  record Options(String prefix, boolean bf16, boolean sharded, boolean extras) {}

  /** The HF tensors by name (no prefix) with their shapes. */
  final Map<String, float[]> tensors;
  final Map<String, long[]> shapes;

  TinyGpt2(long seed, boolean bf16) {
    RandomTensors t = new RandomTensors(seed, bf16);
    tensors = t.tensors;
    shapes = t.shapes;
    t.normal("wte.weight", 0.5, VOCAB, D);
    t.normal("wpe.weight", 0.3, POSITIONS, D);
    for (int i = 0; i < LAYERS; i++) {
      String h = "h." + i + ".";
      t.aroundOne(h + "ln_1.weight", D);
      t.normal(h + "ln_1.bias", 0.1, D);
      t.normal(h + "attn.c_attn.weight", 0.4, D, 3 * D);
      t.normal(h + "attn.c_attn.bias", 0.1, 3 * D);
      t.normal(h + "attn.c_proj.weight", 0.3, D, D);
      t.normal(h + "attn.c_proj.bias", 0.1, D);
      t.aroundOne(h + "ln_2.weight", D);
      t.normal(h + "ln_2.bias", 0.1, D);
      t.normal(h + "mlp.c_fc.weight", 0.4, D, 4 * D);
      t.normal(h + "mlp.c_fc.bias", 0.1, 4 * D);
      t.normal(h + "mlp.c_proj.weight", 0.2, 4 * D, D);
      t.normal(h + "mlp.c_proj.bias", 0.1, D);
    }
    t.aroundOne("ln_f.weight", D);
    t.normal("ln_f.bias", 0.1, D);
  }

  static String config(String activation) {
    return "{\n  \"architectures\": [\"GPT2LMHeadModel\"],\n  \"model_type\": \"gpt2\",\n"
        + "  \"vocab_size\": " + VOCAB + ",\n  \"n_positions\": " + POSITIONS + ",\n"
        + "  \"n_embd\": " + D + ",\n  \"n_layer\": " + LAYERS + ",\n  \"n_head\": " + HEADS
        + ",\n  \"n_inner\": null,\n  \"activation_function\": \"" + activation + "\",\n"
        + "  \"layer_norm_epsilon\": 1e-05,\n  \"bos_token_id\": 21,\n  \"eos_token_id\": 22,\n"
        + "  \"resid_pdrop\": 0.1,\n  \"summary_type\": \"cls_index\",\n"
        + "  \"torch_dtype\": \"float32\"\n}\n";
  }

  /** Writes the directory and returns it. */
  Path write(Path dir, Options o) throws IOException {
    Files.createDirectories(dir);
    String config = config("gelu_new");
    if (o.bf16()) {
      config = config.replace("\"float32\"", "\"bfloat16\"");
    }
    Files.writeString(dir.resolve("config.json"), config, StandardCharsets.UTF_8);
    List<HandWrittenSafeTensors.T> all = new ArrayList<>();
    String dtype = o.bf16() ? "BF16" : "F32";
    tensors.forEach((n, v) -> all.add(new HandWrittenSafeTensors.T(o.prefix() + n,
        shapes.get(n), v, dtype)));
    if (o.extras()) {
      for (int i = 0; i < LAYERS; i++) {
        float[] mask = new float[POSITIONS * POSITIONS];
        all.add(new HandWrittenSafeTensors.T(o.prefix() + "h." + i + ".attn.bias",
            new long[] {1, 1, POSITIONS, POSITIONS}, mask, dtype));
      }
      all.add(new HandWrittenSafeTensors.T("lm_head.weight", shapes.get("wte.weight"),
          tensors.get("wte.weight"), dtype));
    }
    if (!o.sharded()) {
      HandWrittenSafeTensors.write(dir.resolve("model.safetensors"), all);
      return dir;
    }
    int half = all.size() / 2;
    String a = "model-00001-of-00002.safetensors";
    String b = "model-00002-of-00002.safetensors";
    HandWrittenSafeTensors.write(dir.resolve(a), all.subList(0, half));
    HandWrittenSafeTensors.write(dir.resolve(b), all.subList(half, all.size()));
    StringBuilder index =
        new StringBuilder("{\"metadata\": {\"total_size\": 0}, \"weight_map\": {");
    for (int i = 0; i < all.size(); i++) {
      index.append(i == 0 ? "" : ", ").append('"').append(all.get(i).name()).append("\": \"")
          .append(i < half ? a : b).append('"');
    }
    Files.writeString(dir.resolve("model.safetensors.index.json"), index.append("}}").toString());
    return dir;
  }
}
