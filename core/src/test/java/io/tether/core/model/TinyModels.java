package io.tether.core.model;

import ai.djl.ndarray.types.DataType;

/** Small model shapes for tests. */
public final class TinyModels {
  public static final int VOCAB = 259;
  public static final int EOS = 257;
  public static final int PAD = 258;

  private TinyModels() {}

  /** The tiny preset with the byte vocabulary. */
  public static ModelSpec tinyLm() {
    return ModelSpec.of(ModelPreset.TINY, VOCAB, HeadKind.LM);
  }

  /** A very small float64 model for finite differences. */
  public static GptModel micro(HeadKind head, long seed) {
    ModelSpec spec = new ModelSpec(VOCAB, 2, 2, 16, 16, head);
    return GptModel.create(spec, seed, DataType.FLOAT64, null);
  }
}
