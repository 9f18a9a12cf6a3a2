package io.tether.core.hf;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.core.model.HeadKind;
import io.tether.core.model.MlpActivation;
import io.tether.core.model.ModelFormatException;
import io.tether.core.model.ModelSpec;
import java.util.List;
import java.util.Map;

/**
 * A GPT-2 {@code config.json} ({@code GPT2LMHeadModel}) read into Tether's decoder shape. Fields
 * whose values change the computation in ways Tether does not implement are refused by name.
 *
 * @param spec the decoder's shape (LM head)
 * @param json the whole file, kept so that an export writes the same fields back
 * @param dtype {@code torch_dtype}, or null when the file has none
 */
public record Gpt2Config(ModelSpec spec, JsonNode json, SafeTensorsDtype dtype) {
  /** The architecture Tether loads. */
  public static final String ARCHITECTURE = "GPT2LMHeadModel";

  private static final Map<String, MlpActivation> ACTIVATIONS = Map.of(
      "gelu_new", MlpActivation.GELU_TANH,
      "gelu_pytorch_tanh", MlpActivation.GELU_TANH,
      "gelu", MlpActivation.GELU);

  /** Boolean fields and the only value Tether computes. */
  private static final Map<String, Boolean> FIXED = Map.of(
      "scale_attn_weights", true,
      "scale_attn_by_inverse_layer_idx", false,
      "add_cross_attention", false,
      "tie_word_embeddings", true);

  /** Reads {@code json}; {@code source} names the file in errors. */
  public static Gpt2Config parse(JsonNode json, String source) {
    architecture(json, source);
    int d = HfFiles.positive(json, "n_embd", source);
    String act = json.path("activation_function").asText("gelu_new");
    MlpActivation activation = ACTIVATIONS.get(act);
    if (activation == null) {
      throw refused(source, "activation_function", "\"" + act + "\"", ACTIVATIONS.keySet());
    }
    JsonNode inner = json.path("n_inner");
    if (!inner.isMissingNode() && !inner.isNull() && inner.asInt() != 4 * d) {
      throw refused(source, "n_inner", inner.toString(), List.of("null", 4 * d));
    }
    FIXED.forEach((field, value) -> {
      JsonNode v = json.path(field);
      if (!v.isMissingNode() && !v.isNull() && v.asBoolean() != value) {
        throw refused(source, field, v.toString(), List.of(value));
      }
    });
    double eps = json.path("layer_norm_epsilon").asDouble(1e-5);
    ModelSpec spec;
    try {
      spec = new ModelSpec(HfFiles.positive(json, "vocab_size", source),
          HfFiles.positive(json, "n_layer", source), HfFiles.positive(json, "n_head", source), d,
          HfFiles.positive(json, "n_positions", source),
          HeadKind.LM, activation, eps);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(source + ": " + e.getMessage(), e);
    }
    String torch = json.path("torch_dtype").asText(json.path("dtype").asText(""));
    return new Gpt2Config(spec, json, SafeTensorsDtype.ofTorchName(torch));
  }

  private static void architecture(JsonNode json, String source) {
    JsonNode archs = json.path("architectures");
    String type = json.path("model_type").asText("");
    String arch = archs.isArray() && archs.size() > 0 ? archs.get(0).asText() : "";
    if (!arch.isEmpty() && !arch.equals(ARCHITECTURE)) {
      throw refused(source, "architectures", archs.toString(), List.of(ARCHITECTURE));
    }
    if (arch.isEmpty() && !type.equals("gpt2")) {
      throw refused(source, "model_type", "\"" + type + "\"", List.of("gpt2"));
    }
  }


  private static ModelFormatException refused(String source, String field, String value,
      java.util.Collection<?> supported) {
    return new ModelFormatException(source + ": \"" + field + "\" is " + value
        + ", which Tether does not support (supported: " + supported + ")");
  }
}
