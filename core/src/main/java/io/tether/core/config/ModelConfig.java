package io.tether.core.config;

import io.tether.core.model.ModelPreset;
import io.tether.core.tokenizer.TokenizerKind;

/**
 * The {@code model} section: size and tokenizer of the policy (and of the reference, critic and
 * reward models, which share its shape, except that {@code reward.train.layers} can keep fewer
 * blocks for the reward model and so for a critic made from it). A size of 0 takes the preset's
 * value; {@link #resolve()} gives the sizes actually used.
 *
 * @param preset size preset
 * @param tokenizer tokenizer; it fixes the vocabulary size
 * @param contextLength maximum tokens per sequence (prompt + response); 0 or in [8, 8192]
 * @param nLayer transformer blocks; 0 or >= 1
 * @param nHead attention heads per block; 0 or >= 1; must divide the model width
 * @param dModel model width; 0 or >= 1
 * @param dtype parameter and activation type of the learner's policy and critic (rollout
 *     workers and the reward stage compute in float32)
 * @param checkpoint the policy's starting weights: a Tether checkpoint version directory
 *     ({@code .../checkpoints/<role>/vNNNNNN}) or a run directory (its newest policy, else its
 *     reference), a path or Hadoop URI; empty: a fresh model. Its shape must be the one this
 *     section gives
 * @param vocabSize ids of the {@code corpus} tokenizer fitted to the run's texts (0: {@value
 *     #DEFAULT_CORPUS_VOCAB}); must be 0 for the other tokenizers, whose vocabulary is fixed
 * @param pretrained a Hugging Face model directory (path or Hadoop URI: {@code config.json},
 *     safetensors weights, {@code tokenizer.json}) the policy and reference start from; its
 *     config gives the shape and its tokenizer the vocabulary, so preset, sizes, tokenizer and
 *     vocab_size are not used. Empty: none
 * @param tokenizerLowercase the {@code corpus} tokenizer is uncased: text is lower-cased before it
 *     is split and fitted (Hugging Face normalizer {@code Lowercase}), so the policy writes lower
 *     case; only with {@code model.tokenizer: corpus}
 */
public record ModelConfig(
    ModelPreset preset,
    TokenizerKind tokenizer,
    int contextLength,
    int nLayer,
    int nHead,
    int dModel,
    ModelDType dtype,
    String checkpoint,
    int vocabSize,
    String pretrained,
    boolean tokenizerLowercase) {
  /** Vocabulary of the {@code corpus} tokenizer when {@code model.vocab_size} is 0. */
  public static final int DEFAULT_CORPUS_VOCAB = 4096;

  /** Smallest accepted explicit context length. */
  public static final int MIN_CONTEXT = 8;

  /** Largest accepted explicit context length. */
  public static final int MAX_CONTEXT = 8192;

  /** Validates every field; see the class description for the rules. */
  public ModelConfig {
    Check.present("model.preset", preset);
    Check.present("model.tokenizer", tokenizer);
    Check.present("model.dtype", dtype);
    Check.present("model.checkpoint", checkpoint);
    checkContext(contextLength);
    Check.zeroOrAtLeast("model.n_layer", nLayer, 1);
    Check.zeroOrAtLeast("model.n_head", nHead, 1);
    Check.zeroOrAtLeast("model.d_model", dModel, 1);
    checkVocab(tokenizer, vocabSize);
    Check.present("model.pretrained", pretrained);
    if (!pretrained.isEmpty() && !checkpoint.isEmpty()) {
      throw new ConfigException("model.pretrained", "model.pretrained and model.checkpoint are"
          + " both set; the policy starts from one of them");
    }
    if (tokenizerLowercase && !pretrained.isEmpty()) {
      throw new ConfigException("model.tokenizer_lowercase", "model.tokenizer_lowercase is true"
          + " but model.pretrained is set: its own tokenizer.json decides its normalization");
    }
    if (tokenizerLowercase && tokenizer != TokenizerKind.CORPUS) {
      throw new ConfigException("model.tokenizer_lowercase", "model.tokenizer_lowercase is true"
          + " but model.tokenizer is " + tokenizer.name().toLowerCase(java.util.Locale.ROOT)
          + "; only the corpus tokenizer, fitted to the run's texts, can be made uncased");
    }
    if (pretrained.isEmpty() && tokenizer == TokenizerKind.PRETRAINED) {
      throw new ConfigException("model.tokenizer", "model.tokenizer is pretrained but"
          + " model.pretrained is empty; name the model directory whose tokenizer.json to use");
    }
  }

  /** A section without a pretrained model directory. */
  public ModelConfig(ModelPreset preset, TokenizerKind tokenizer, int contextLength, int nLayer,
      int nHead, int dModel, ModelDType dtype, String checkpoint, int vocabSize) {
    this(preset, tokenizer, contextLength, nLayer, nHead, dModel, dtype, checkpoint, vocabSize,
        "", false);
  }

  /** Whether the policy starts from a Hugging Face model directory. */
  public boolean hasPretrained() {
    return !pretrained.isEmpty();
  }

  /** Transformer blocks of the policy: {@code nLayer}, or the preset's when 0 (not validated). */
  public int blocks() {
    return orPreset(nLayer, preset.nLayer());
  }

  /** Ids of the {@code corpus} tokenizer to fit: {@code vocabSize}, or the default when 0. */
  public int corpusVocabSize() {
    return vocabSize == 0 ? DEFAULT_CORPUS_VOCAB : vocabSize;
  }

  private static void checkVocab(TokenizerKind tokenizer, int vocabSize) {
    if (tokenizer != TokenizerKind.CORPUS && vocabSize != 0) {
      throw new ConfigException("model.vocab_size", "model.vocab_size is " + vocabSize
          + " but model.tokenizer is " + tokenizer.name().toLowerCase(java.util.Locale.ROOT)
          + ", whose vocabulary is fixed; set it only with model.tokenizer: corpus");
    }
    if (vocabSize != 0 && (vocabSize < 512 || vocabSize > 65536)) {
      throw new ConfigException("model.vocab_size", "model.vocab_size must be 0 (the default, "
          + DEFAULT_CORPUS_VOCAB + ") or in [512, 65536], got " + vocabSize);
    }
  }

  /** The tiny preset with the byte tokenizer in float32. */
  public static ModelConfig defaults() {
    return new ModelConfig(
        ModelPreset.TINY, TokenizerKind.BYTE, 0, 0, 0, 0, ModelDType.FLOAT32, "", 0);
  }

  /**
   * The sizes actually used: each 0 replaced by the preset's value.
   *
   * @throws ConfigException when the model width is not divisible by the number of heads
   */
  public ResolvedModel resolve() {
    return new ResolvedModel(
        blocks(),
        orPreset(nHead, preset.nHead()),
        orPreset(dModel, preset.dModel()),
        orPreset(contextLength, preset.contextLength()),
        tokenizer,
        dtype);
  }

  private static int orPreset(int value, int presetValue) {
    return value == 0 ? presetValue : value;
  }

  private static void checkContext(int contextLength) {
    if (contextLength != 0 && (contextLength < MIN_CONTEXT || contextLength > MAX_CONTEXT)) {
      throw new ConfigException(
          "model.context_length",
          "model.context_length must be 0 (take the preset's value) or in ["
              + MIN_CONTEXT + ", " + MAX_CONTEXT + "], got " + contextLength);
    }
  }
}
