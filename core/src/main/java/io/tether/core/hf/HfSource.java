package io.tether.core.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.model.MlpActivation;
import io.tether.core.model.ModelSpec;

/**
 * How a model is written back in the Hugging Face layout: the {@code config.json} fields, the
 * tensor-name prefix ({@code "transformer."} or none), the element type, and whether the tied LM
 * head is stored as its own tensor. An imported model keeps its directory's; a model Tether
 * trained from scratch gets a GPT-2 config derived from its shape.
 *
 * @param config the {@code config.json} to write (its {@code torch_dtype} is set on export)
 * @param prefix prefix of every transformer tensor's name
 * @param dtype element type of the written tensors
 * @param storesLmHead whether {@code lm_head.weight} is written beside {@code wte}
 */
public record HfSource(JsonNode config, String prefix, SafeTensorsDtype dtype,
    boolean storesLmHead) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What {@code save_pretrained} writes for a GPT-2 of {@code spec}. */
  public static HfSource forTether(ModelSpec spec, int bosId, int eosId) {
    if (spec.isLlama()) {
      throw new IllegalArgumentException("a Llama-family model is exported with the config.json"
          + " it was imported with, not one derived from its shape");
    }
    ObjectNode c = JSON.createObjectNode();
    c.putArray("architectures").add(Gpt2Config.ARCHITECTURE);
    c.put("model_type", "gpt2");
    c.put("vocab_size", spec.vocabSize());
    c.put("n_positions", spec.contextLength());
    c.put("n_embd", spec.dModel());
    c.put("n_layer", spec.nLayer());
    c.put("n_head", spec.nHead());
    c.putNull("n_inner");
    c.put("activation_function",
        spec.activation() == MlpActivation.GELU_TANH ? "gelu_new" : "gelu");
    c.put("layer_norm_epsilon", spec.layerNormEps());
    c.put("bos_token_id", bosId);
    c.put("eos_token_id", eosId);
    c.put("tie_word_embeddings", true);
    c.put("scale_attn_weights", true);
    c.put("resid_pdrop", 0.0);
    c.put("embd_pdrop", 0.0);
    c.put("attn_pdrop", 0.0);
    c.put("torch_dtype", SafeTensorsDtype.F32.torchName());
    return new HfSource(c, "transformer.", SafeTensorsDtype.F32, false);
  }
}
