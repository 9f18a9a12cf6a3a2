package io.tether.core.model;

/**
 * The shape of a GPT-style decoder: everything needed to rebuild its parameters.
 *
 * @param vocabSize tokens in the vocabulary, including BOS, EOS and PAD
 * @param nLayer number of transformer blocks
 * @param nHead attention heads per block
 * @param dModel width of the residual stream; a multiple of {@code nHead}
 * @param contextLength the most positions a sequence may use (prompt plus response)
 * @param head what the output head computes
 * @param activation the MLP's nonlinearity (GPT-2 family; a Llama-family MLP is SwiGLU)
 * @param layerNormEps the epsilon of every LayerNorm (RMSNorm in the Llama family)
 * @param llama the Llama family's further shape, or null for the GPT-2 family (learned
 *     positions, LayerNorm, GELU MLP of width 4 * dModel, fused qkv with biases, tied head)
 */
public record ModelSpec(int vocabSize, int nLayer, int nHead, int dModel, int contextLength,
    HeadKind head, MlpActivation activation, double layerNormEps, LlamaShape llama) {

  /** Tether's own models: exact GELU, LayerNorm epsilon 1e-5. */
  public static final double DEFAULT_LAYER_NORM_EPS = 1e-5;

  public ModelSpec {
    requirePositive("vocabSize", vocabSize);
    requirePositive("nLayer", nLayer);
    requirePositive("nHead", nHead);
    requirePositive("dModel", dModel);
    requirePositive("contextLength", contextLength);
    if (llama == null && dModel % nHead != 0) {
      throw new IllegalArgumentException(
          "dModel (" + dModel + ") must be divisible by nHead (" + nHead + ")");
    }
    if (head == null || activation == null) {
      throw new IllegalArgumentException("head and activation must be given");
    }
    if (!(layerNormEps > 0 && layerNormEps < 1)) {
      throw new IllegalArgumentException("layerNormEps must be in (0, 1), got " + layerNormEps);
    }
    if (llama != null && nHead % llama.nKvHead() != 0) {
      throw new IllegalArgumentException("nHead (" + nHead + ") must be a multiple of nKvHead ("
          + llama.nKvHead() + ")");
    }
  }

  /** A GPT-2-family spec. */
  public ModelSpec(int vocabSize, int nLayer, int nHead, int dModel, int contextLength,
      HeadKind head, MlpActivation activation, double layerNormEps) {
    this(vocabSize, nLayer, nHead, dModel, contextLength, head, activation, layerNormEps, null);
  }

  /** Whether this is a Llama-family decoder. */
  public boolean isLlama() {
    return llama != null;
  }

  /** A spec with Tether's own activation and LayerNorm epsilon. */
  public ModelSpec(int vocabSize, int nLayer, int nHead, int dModel, int contextLength,
      HeadKind head) {
    this(vocabSize, nLayer, nHead, dModel, contextLength, head, MlpActivation.GELU,
        DEFAULT_LAYER_NORM_EPS);
  }

  /** The preset's shape with the given vocabulary and head. */
  public static ModelSpec of(ModelPreset preset, int vocabSize, HeadKind head) {
    return new ModelSpec(
        vocabSize, preset.nLayer(), preset.nHead(), preset.dModel(), preset.contextLength(), head);
  }

  /** The same trunk with another head (a reward model or critic made from a policy). */
  public ModelSpec withHead(HeadKind other) {
    return new ModelSpec(vocabSize, nLayer, nHead, dModel, contextLength, other, activation,
        layerNormEps, llama);
  }

  /**
   * The same shape with only {@code n} blocks (a reward model kept to a policy's lowest blocks);
   * the blocks' parameter names are unchanged, so the lowest {@code n} copy over by name.
   */
  public ModelSpec withLayers(int n) {
    return new ModelSpec(vocabSize, n, nHead, dModel, contextLength, head, activation,
        layerNormEps, llama);
  }

  /** Width of one attention head. */
  public int headDim() {
    return llama != null ? llama.headDim() : dModel / nHead;
  }

  /** Number of scalar parameters of a model of this shape. */
  public long parameterCount() {
    if (llama != null) {
      return llamaParameterCount();
    }
    long d = dModel;
    long perLayer = 4 * d + (3 * d * d + 3 * d) + (d * d + d) + (4 * d * d + 4 * d) + (4 * d * d + d);
    long embeddings = (long) vocabSize * d + (long) contextLength * d;
    long headParams = head == HeadKind.LM ? 0 : d + 1;
    return embeddings + nLayer * perLayer + 2 * d + headParams;
  }

  /** Parameters that take part in a token's matmuls: the FLOP-relevant count (no embeddings). */
  public long matmulParameterCount() {
    if (llama != null) {
      long lmHead = head == HeadKind.LM ? (long) vocabSize * dModel : dModel;
      return nLayer * llamaLayerMatmuls() + lmHead;
    }
    long d = dModel;
    long lmHead = head == HeadKind.LM ? (long) vocabSize * d : d;
    return nLayer * 12L * d * d + lmHead;
  }

  private long llamaLayerMatmuls() {
    long q = (long) nHead * llama.headDim();
    long kv = (long) llama.nKvHead() * llama.headDim();
    return dModel * (q + 2 * kv) + q * dModel + 3L * dModel * llama.intermediate();
  }

  private long llamaParameterCount() {
    long q = (long) nHead * llama.headDim();
    long kv = (long) llama.nKvHead() * llama.headDim();
    long perLayer = llamaLayerMatmuls() + 2L * dModel + (llama.qkvBias() ? q + 2 * kv : 0);
    long embeddings = (long) vocabSize * dModel;
    long untied = llama.tiedEmbeddings() || head != HeadKind.LM ? 0 : embeddings;
    long headParams = head == HeadKind.LM ? 0 : dModel + 1;
    return embeddings + nLayer * perLayer + dModel + untied + headParams;
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }
}
