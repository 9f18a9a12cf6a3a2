package io.tether.core.config;

import io.tether.core.tokenizer.TokenizerKind;

/**
 * Model sizes after the preset is applied: what {@link ModelConfig#resolve()} returns. It is a
 * derived view and never written back into the config.
 *
 * @param nLayer transformer blocks
 * @param nHead attention heads per block
 * @param dModel model width, a multiple of {@code nHead}
 * @param contextLength maximum tokens per sequence (prompt + response)
 * @param tokenizer tokenizer
 * @param dtype parameter and activation type
 */
public record ResolvedModel(
    int nLayer, int nHead, int dModel, int contextLength, TokenizerKind tokenizer,
    ModelDType dtype) {

  /** Checks that every size is positive and that the width splits evenly into heads. */
  public ResolvedModel {
    Check.atLeast("model.n_layer", nLayer, 1);
    Check.atLeast("model.n_head", nHead, 1);
    Check.atLeast("model.d_model", dModel, 1);
    Check.atLeast("model.context_length", contextLength, 1);
    Check.present("model.tokenizer", tokenizer);
    Check.present("model.dtype", dtype);
    if (dModel % nHead != 0) {
      throw new ConfigException(
          "model.d_model",
          "model.d_model (" + dModel + ") must be divisible by model.n_head (" + nHead + ")");
    }
  }

  /** Width of one attention head: {@code dModel / nHead}. */
  public int headDim() {
    return dModel / nHead;
  }
}
