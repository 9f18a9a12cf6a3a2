package io.tether.deploy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.hf.HfModel;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hugging Face shapes with random weights, built from their {@code config.json} as a run builds
 * them: a GPT-2-124M ({@code GPT2LMHeadModel}: 12 layers of 768, vocabulary 50257) and a ~135M
 * Llama ({@code LlamaForCausalLM}: 30 layers of 576, 9 heads over 3 KV heads, SwiGLU 1536,
 * vocabulary 49152, tied). Per shape: KV-cached generation at batch 1, 8 and 32 against the
 * roofline at its own decode-step products (as tokens/s: the rate at which those products alone
 * would run), a PPO update's tokens/s and model GFLOP/s against the roofline at its pass's
 * products, and the peak resident memory of a learner holding policy, reference, critic and
 * reward model through one update, against the bytes of their tensors and the two trained
 * models' gradients and AdamW moments. {@code --quick} runs the same architectures shrunk.
 */
final class HfShapesBench {
  /** A named Hugging Face shape. */
  record Shape(String name, ModelSpec spec) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  List<BenchRow> run(BenchPlan plan) throws Exception {
    List<BenchRow> rows = new ArrayList<>();
    List<Shape> shapes = shapes(plan.quick());
    for (int i = 0; i < shapes.size(); i++) {
      Shape s = shapes.get(i);
      rows.add(memory(i, s, plan));
      try (GptModel m = GptModel.create(s.spec(), 1)) {
        for (int b : plan.quick() ? List.of(1, 8) : List.of(1, 8, 32)) {
          rows.addAll(generation(m, s, b, plan));
        }
      }
      rows.addAll(ppoUpdate(s, plan));
    }
    return rows;
  }

  /** The two shapes; {@code quick}: two layers, narrow, a 512-id vocabulary. */
  static List<Shape> shapes(boolean quick) {
    String gpt2 = quick
        ? "\"vocab_size\": 512, \"n_positions\": 128, \"n_embd\": 64, \"n_layer\": 2, \"n_head\": 4"
        : "\"vocab_size\": 50257, \"n_positions\": 1024, \"n_embd\": 768, \"n_layer\": 12,"
            + " \"n_head\": 12";
    String llama = quick
        ? "\"vocab_size\": 512, \"hidden_size\": 48, \"intermediate_size\": 128,"
            + " \"num_hidden_layers\": 2, \"num_attention_heads\": 3, \"num_key_value_heads\": 1"
        : "\"vocab_size\": 49152, \"hidden_size\": 576, \"intermediate_size\": 1536,"
            + " \"num_hidden_layers\": 30, \"num_attention_heads\": 9, \"num_key_value_heads\": 3";
    return List.of(
        new Shape(quick ? "gpt2-2l" : "gpt2-124m", spec("{\"architectures\": [\"GPT2LMHeadModel\"],"
            + " \"model_type\": \"gpt2\", " + gpt2 + ", \"layer_norm_epsilon\": 1e-5,"
            + " \"activation_function\": \"gelu_new\"}")),
        new Shape(quick ? "llama-2l" : "llama-135m", spec("{\"architectures\":"
            + " [\"LlamaForCausalLM\"], \"model_type\": \"llama\", " + llama + ","
            + " \"hidden_act\": \"silu\", \"max_position_embeddings\": 2048, \"rms_norm_eps\":"
            + " 1e-5, \"rope_theta\": 10000.0, \"tie_word_embeddings\": true}")));
  }

  private static ModelSpec spec(String config) {
    try {
      return HfModel.spec(JSON.readTree(config), "config.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Cached generation at {@code b}, each round next to the roofline at its step's products. */
  private static List<BenchRow> generation(GptModel m, Shape s, int b, BenchPlan plan) {
    int n = plan.newTokens();
    GenerationThroughput.warmUp(m, b, n, true);
    ModelSpec spec = s.spec();
    double flopsPerToken = 2.0 * spec.matmulParameterCount();
    int repeats = plan.quick() ? 3 : 5;
    var runs = plan.longRounds().run(() -> GenerationThroughput.measure(m, b, n, true),
        () -> DecodeRoofline.gflops(spec, b, MatmulRoofline.systemClock(), repeats));
    Sample roofline = runs.baseline(g -> g * 1e9 / flopsPerToken);
    String name = s.name() + " b" + b + " kv n" + n;
    return List.of(
        BenchRow.of(Section.HF_SHAPES, name, "tokens_per_s", "tok/s", "roofline_at_shape",
            new Paired(runs.measured(GenerationThroughput.Result::tokensPerSecond), roofline),
            RatioBound.AT_MOST_ONE),
        BenchRow.of(Section.HF_SHAPES, name, "decode_tokens_per_s", "tok/s",
            "roofline_at_shape", new Paired(runs.measured(
                GenerationThroughput.Result::decodeTokensPerSecond), roofline),
            RatioBound.AT_MOST_ONE));
  }

  /**
   * One PPO update (policy and critic, one epoch) against the roofline at the products of a pass
   * over its tokens; model FLOPs are 6 x (policy + critic matmul parameters) x tokens, leaving
   * out the critic's value pass before the epochs (so a lower bound).
   */
  private static List<BenchRow> ppoUpdate(Shape s, BenchPlan plan) {
    int n = plan.quick() ? 2 : 4;
    int prompt = plan.quick() ? 8 : 32;
    int response = plan.quick() ? 4 : 32;
    try (var t = new PpoUpdateThroughput(s.name(), s.spec(), n, prompt, response, 1)) {
      t.seconds(); // warm-up: AdamW state, native allocations
      ModelSpec spec = t.spec();
      double flops = 6.0 * (spec.matmulParameterCount()
          + spec.withHead(HeadKind.VALUE).matmulParameterCount()) * t.tokensPerUpdate();
      int tokens = n * (prompt + response);
      var runs = plan.longRounds().run(t::seconds, () -> DecodeRoofline.gflops(spec, tokens,
          MatmulRoofline.systemClock(), 3));
      String name = "ppo update " + t.scenario();
      return List.of(
          BenchRow.self(Section.HF_SHAPES, name, "tokens_per_s", "tok/s",
              runs.measured(sec -> t.tokensPerUpdate() / sec)),
          BenchRow.of(Section.HF_SHAPES, name, "model_gflops", "GFLOP/s", "roofline_at_shape",
              new Paired(runs.measured(sec -> flops / sec / 1e9), runs.baseline(g -> g)),
              RatioBound.AT_MOST_ONE));
    }
  }

  /**
   * Peak resident memory of a learner holding the four models through one PPO update (in a JVM
   * of its own, {@link LearnerMemoryProbe}), above what the JVM with PyTorch loaded holds,
   * against the bytes of the four models' float32 tensors plus gradients and two AdamW moments of
   * the policy and critic (what the update cannot do without).
   */
  private static BenchRow memory(int index, Shape s, BenchPlan plan) throws Exception {
    ModelSpec spec = s.spec();
    ModelSpec value = spec.withHead(HeadKind.VALUE);
    double tensors = 4.0 * (2 * spec.parameterCount() + 2 * value.parameterCount()
        + 3 * (spec.parameterCount() + value.parameterCount()));
    LearnerMemoryProbe.Result r = LearnerMemoryProbe.run(index, plan.quick());
    double added = r.baseBytes() > 0 && r.peakBytes() > 0 ? r.peakBytes() - r.baseBytes()
        : Double.NaN;
    return BenchRow.of(Section.HF_SHAPES, s.name() + " policy+reference+critic+reward",
        "learner_peak_mib", "MiB", "tensor_bytes_mib",
        new Paired(Sample.exact(added / (1 << 20)), Sample.exact(tensors / (1 << 20))),
        RatioBound.AT_LEAST_ONE);
  }

}
