package io.tether.core.hf;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.core.model.HeadKind;
import io.tether.core.model.LlamaShape;
import io.tether.core.model.MlpActivation;
import io.tether.core.model.ModelFormatException;
import io.tether.core.model.ModelSpec;
import java.util.List;

/**
 * A Llama-family {@code config.json} ({@code LlamaForCausalLM}, {@code Qwen2ForCausalLM}, {@code
 * Qwen3ForCausalLM}, {@code MistralForCausalLM}) read into Tether's decoder shape; what Tether does not compute (another
 * activation, MLP or output biases, another rope scaling, a sliding window shorter than the
 * context) is refused naming the field.
 */
public final class LlamaConfig {
  /** The architectures Tether loads, in {@code architectures[0]}. */
  public static final List<String> ARCHITECTURES =
      List.of("LlamaForCausalLM", "Qwen2ForCausalLM", "Qwen3ForCausalLM", "MistralForCausalLM");

  private LlamaConfig() {}

  /** Whether {@code json} names a Llama-family architecture. */
  public static boolean matches(JsonNode json) {
    JsonNode a = json.path("architectures");
    return a.isArray() && a.size() > 0 && ARCHITECTURES.contains(a.get(0).asText());
  }

  /** The spec {@code json} describes (LM head); {@code source} names the file in errors. */
  public static ModelSpec parse(JsonNode json, String source) {
    String arch = json.path("architectures").get(0).asText();
    boolean qwen2 = arch.equals("Qwen2ForCausalLM");
    boolean qwen3 = arch.equals("Qwen3ForCausalLM");
    require(json, "hidden_act", "silu", source);
    refuseTrue(json, "mlp_bias", source);
    refuseTrue(json, "attention_bias", source);
    refuseTrue(json, "use_sliding_window", source);
    int d = HfFiles.positive(json, "hidden_size", source);
    int heads = HfFiles.positive(json, "num_attention_heads", source);
    int context = HfFiles.positive(json, "max_position_embeddings", source);
    slidingWindow(json, context, qwen2 || qwen3, source);
    int kv = json.has("num_key_value_heads") && !json.get("num_key_value_heads").isNull()
        ? HfFiles.positive(json, "num_key_value_heads", source) : heads;
    int headDim = json.has("head_dim") && !json.get("head_dim").isNull()
        ? HfFiles.positive(json, "head_dim", source) : d / heads;
    try {
      LlamaShape shape = new LlamaShape(kv, headDim,
          HfFiles.positive(json, "intermediate_size", source),
          json.path("rope_theta").asDouble(10000.0), scaling(json, source),
          json.path("tie_word_embeddings").asBoolean(false), qwen2, qwen3);
      return new ModelSpec(HfFiles.positive(json, "vocab_size", source),
          HfFiles.positive(json, "num_hidden_layers", source), heads, d, context, HeadKind.LM,
          MlpActivation.SILU, json.path("rms_norm_eps").asDouble(1e-6), shape);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(source + ": " + e.getMessage(), e);
    }
  }

  private static LlamaShape.Llama3Scaling scaling(JsonNode json, String source) {
    JsonNode s = json.path("rope_scaling");
    if (s.isMissingNode() || s.isNull()) {
      return null;
    }
    String type = s.path("rope_type").asText(s.path("type").asText(""));
    if (!type.equals("llama3")) {
      throw new ModelFormatException(source + ": \"rope_scaling\" has type \"" + type
          + "\", which Tether does not support (supported: llama3, or none)");
    }
    return new LlamaShape.Llama3Scaling(s.path("factor").asDouble(8.0),
        s.path("low_freq_factor").asDouble(1.0), s.path("high_freq_factor").asDouble(4.0),
        s.path("original_max_position_embeddings").asInt(8192));
  }

  private static void slidingWindow(JsonNode json, int context, boolean qwen2, String source) {
    JsonNode w = json.path("sliding_window");
    if (qwen2 || w.isMissingNode() || w.isNull() || w.asInt() >= context) {
      return;
    }
    throw new ModelFormatException(source + ": \"sliding_window\" is " + w.asInt()
        + ", shorter than max_position_embeddings " + context
        + "; Tether attends over the whole context");
  }

  private static void require(JsonNode json, String field, String value, String source) {
    String v = json.path(field).asText(value);
    if (!v.equals(value)) {
      throw new ModelFormatException(source + ": \"" + field + "\" is \"" + v
          + "\", which Tether does not support (supported: " + value + ")");
    }
  }

  private static void refuseTrue(JsonNode json, String field, String source) {
    if (json.path(field).asBoolean(false)) {
      throw new ModelFormatException(source + ": \"" + field
          + "\" is true, which Tether does not support (supported: false)");
    }
  }

}
